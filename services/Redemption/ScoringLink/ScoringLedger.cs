using Grpc.Core;
using Microsoft.Extensions.Options;
using Scoring = Platform.Contracts.Scoring.V1;

namespace Platform.Redemption.ScoringLink;

/// <summary>The calls Redemption makes to Scoring, each with a deadline.</summary>
public class ScoringLedger(Scoring.Ledger.LedgerClient ledger, Scoring.Households.HouseholdsClient households, IOptions<RedemptionSettings> settings)
{
    private readonly TimeSpan timeout = TimeSpan.FromSeconds(settings.Value.ScoringTimeoutSeconds);

    private Scoring.Ledger.LedgerClient Ledger => ledger;

    private Scoring.Households.HouseholdsClient Households => households;

    public virtual async Task<Scoring.HoldResponse> HoldAsync(string holdId, string village, string number, long points, int ttlSeconds, string actor, CancellationToken ct) =>
        await Ledger.HoldAsync(new Scoring.HoldRequest
        {
            HoldId = holdId,
            Household = new Scoring.HouseholdRef { VillageCode = village, HouseholdNumber = number },
            Points = points,
            TtlSeconds = ttlSeconds,
            Actor = actor,
        }, Options(ct));

    /// <summary>The counter's one call: spends the order's points at once, idempotent by the order id.</summary>
    public virtual async Task<Scoring.HoldResponse> SpendAsync(string spendId, string village, string number, long points, string actor, CancellationToken ct) =>
        await Ledger.SpendAsync(new Scoring.SpendRequest
        {
            SpendId = spendId,
            Household = new Scoring.HouseholdRef { VillageCode = village, HouseholdNumber = number },
            Points = points,
            Actor = actor,
        }, Options(ct));

    /// <summary>Makes sure the order id costs nothing: fences a spend not yet made, refunds one made.</summary>
    public virtual async Task<Scoring.HoldResponse> CancelSpendAsync(string spendId, string village, string number, string actor, string reason, CancellationToken ct) =>
        await Ledger.CancelSpendAsync(new Scoring.CancelSpendRequest
        {
            SpendId = spendId,
            Household = new Scoring.HouseholdRef { VillageCode = village, HouseholdNumber = number },
            Actor = actor,
            Reason = reason,
        }, Options(ct));

    public virtual async Task<Scoring.HoldResponse> CaptureAsync(string holdId, string actor, CancellationToken ct) =>
        await Ledger.CaptureAsync(new Scoring.CaptureRequest { HoldId = holdId, Actor = actor }, Options(ct));

    public virtual async Task<Scoring.HoldResponse> ReleaseAsync(string holdId, string actor, CancellationToken ct) =>
        await Ledger.ReleaseAsync(new Scoring.ReleaseRequest { HoldId = holdId, Actor = actor }, Options(ct));

    public virtual async Task<Scoring.HoldResponse> GetHoldAsync(string holdId, CancellationToken ct) =>
        await Ledger.GetHoldAsync(new Scoring.GetHoldRequest { HoldId = holdId }, Options(ct));

    public virtual async Task<Scoring.Entry> RefundAsync(string key, string holdId, long points, string actor, string reason, CancellationToken ct) =>
        await Ledger.RefundAsync(new Scoring.RefundRequest
        {
            IdempotencyKey = key,
            HoldId = holdId,
            Points = points,
            Actor = actor,
            Reason = reason,
        }, Options(ct));

    public virtual async Task<Scoring.Balance> GetBalanceAsync(string village, string number, CancellationToken ct) =>
        await Ledger.GetBalanceAsync(new Scoring.HouseholdRef { VillageCode = village, HouseholdNumber = number }, Options(ct));

    public virtual async Task<Scoring.Totals> GetVillageTotalsAsync(string village, CancellationToken ct) =>
        await Ledger.GetVillageTotalsAsync(new Scoring.GetVillageTotalsRequest { VillageCode = village }, Options(ct));

    /// <summary>The household, or null when Scoring does not know it.</summary>
    public virtual async Task<Scoring.Household?> FindHouseholdAsync(string village, string number, CancellationToken ct)
    {
        try
        {
            return await Households.GetHouseholdAsync(new Scoring.HouseholdRef { VillageCode = village, HouseholdNumber = number }, Options(ct));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    private CallOptions Options(CancellationToken ct) => new(deadline: DateTime.UtcNow + timeout, cancellationToken: ct);
}
