using Grpc.Core;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Ledger;

/// <summary>Refunds for goods returned at the supermarket.</summary>
internal sealed partial class LedgerService
{
    public override Task<Api.Entry> Refund(Api.RefundRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(Refund), request, async ct =>
        {
            var holdId = HoldId(request.HoldId);
            var actor = Households.Lookups.Actor(request.Actor);
            var reason = Input.Text(request.Reason, "reason", "reason for the refund", 500);
            if (request.Points is <= 0 or > PointsLedger.MaxPoints)
            {
                throw DomainException.Invalid("POINTS_INVALID", $"Refund 1 to {PointsLedger.MaxPoints} points; {request.Points} was asked for.",
                    "points");
            }

            var (entry, number) = await refunds.RefundAsync(holdId, request.Points, actor, reason, request.IdempotencyKey.Trim(), ct);
            return ToApi(entry, number, 0);
        }, context.CancellationToken);
}
