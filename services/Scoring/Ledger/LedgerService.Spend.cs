using Grpc.Core;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Ledger;

/// <summary>The counter's one-call spend and its cancel (decision 0013).</summary>
internal sealed partial class LedgerService
{
    /// <summary>What a cancel's refund entry says when the caller gives no reason.</summary>
    public const string DefaultCancelReason = "Order cancelled at the supermarket";

    public override async Task<Api.HoldResponse> Spend(Api.SpendRequest request, ServerCallContext context)
    {
        var spendId = SpendId(request.SpendId);
        var (villageCode, number) = Lookups.CheckRef(request.Household);
        if (request.Points is <= 0 or > PointsLedger.MaxPoints)
        {
            throw DomainException.Invalid("POINTS_INVALID", $"Spend 1 to {PointsLedger.MaxPoints} points; {request.Points} was asked for.",
                "points");
        }

        var actor = Lookups.Actor(request.Actor);
        var fingerprint = RequestFingerprint.Of(nameof(Spend), request);
        return ToApi(await store.SpendAsync(spendId, fingerprint, villageCode, number, request.Points, actor, context.CancellationToken));
    }

    public override async Task<Api.HoldResponse> CancelSpend(Api.CancelSpendRequest request, ServerCallContext context)
    {
        var spendId = SpendId(request.SpendId);
        var (villageCode, number) = Lookups.CheckRef(request.Household);
        var actor = Lookups.Actor(request.Actor);
        var reason = string.IsNullOrWhiteSpace(request.Reason)
            ? DefaultCancelReason
            : Input.Text(request.Reason, "reason", "reason for the cancel", 500);
        var fingerprint = RequestFingerprint.Of(nameof(CancelSpend), request);
        return ToApi(await store.CancelSpendAsync(spendId, fingerprint, villageCode, number, actor, reason, context.CancellationToken));
    }

    private static string SpendId(string? spendId) => OrderId(spendId, "SPEND_ID_INVALID", "spend id", "spend_id");
}
