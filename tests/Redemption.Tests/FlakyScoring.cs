using Grpc.Core;
using Microsoft.Extensions.Options;
using Platform.Redemption;
using Platform.Redemption.ScoringLink;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>
/// Redemption's link to Scoring, failing on cue: the call goes through (or not) and the answer
/// is lost, as with a timeout. Shared by the test and the host through <see cref="Switches"/>.
/// </summary>
public sealed class FlakyScoring(ScoringApi.Ledger.LedgerClient ledger, ScoringApi.Households.HouseholdsClient households,
    IOptions<RedemptionSettings> settings, FlakyScoring.Switches switches)
    : ScoringLedger(ledger, households, settings)
{
    public sealed class Switches
    {
        /// <summary>The spend reaches Scoring and commits, but its answer is lost.</summary>
        public bool LoseSpendAnswer { get; set; }

        /// <summary>The spend never reaches Scoring.</summary>
        public bool DropSpend { get; set; }

        /// <summary>Scoring is unreachable for every call.</summary>
        public bool Down { get; set; }
    }

    public override async Task<ScoringApi.HoldResponse> SpendAsync(string spendId, string village, string number, long points, string actor, CancellationToken ct)
    {
        ThrowIfDown();
        if (switches.DropSpend)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the spend was not delivered (test)"));
        }

        if (switches.LoseSpendAnswer)
        {
            await base.SpendAsync(spendId, village, number, points, actor, ct);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "the answer was lost (test)"));
        }

        return await base.SpendAsync(spendId, village, number, points, actor, ct);
    }

    public override async Task<ScoringApi.HoldResponse> CancelSpendAsync(string spendId, string village, string number, string actor, string reason, CancellationToken ct)
    {
        ThrowIfDown();
        return await base.CancelSpendAsync(spendId, village, number, actor, reason, ct);
    }

    public override async Task<ScoringApi.HoldResponse> GetHoldAsync(string holdId, CancellationToken ct)
    {
        ThrowIfDown();
        return await base.GetHoldAsync(holdId, ct);
    }

    public override async Task<ScoringApi.Entry> RefundAsync(string key, string holdId, long points, string actor, string reason, CancellationToken ct)
    {
        ThrowIfDown();
        return await base.RefundAsync(key, holdId, points, actor, reason, ct);
    }

    private void ThrowIfDown()
    {
        if (switches.Down)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "Scoring is down (test)"));
        }
    }
}
