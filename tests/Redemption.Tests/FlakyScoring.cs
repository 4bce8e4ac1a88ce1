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
        /// <summary>The capture reaches Scoring and commits, but its answer is lost.</summary>
        public bool LoseCaptureAnswer { get; set; }

        /// <summary>The capture never reaches Scoring.</summary>
        public bool DropCapture { get; set; }

        /// <summary>Scoring is unreachable for every call.</summary>
        public bool Down { get; set; }
    }

    public override async Task<ScoringApi.HoldResponse> HoldAsync(string holdId, string village, string number, long points, int ttlSeconds, string actor, CancellationToken ct)
    {
        ThrowIfDown();
        return await base.HoldAsync(holdId, village, number, points, ttlSeconds, actor, ct);
    }

    public override async Task<ScoringApi.HoldResponse> CaptureAsync(string holdId, string actor, CancellationToken ct)
    {
        ThrowIfDown();
        if (switches.DropCapture)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the capture was not delivered (test)"));
        }

        if (switches.LoseCaptureAnswer)
        {
            await base.CaptureAsync(holdId, actor, ct);
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "the answer was lost (test)"));
        }

        return await base.CaptureAsync(holdId, actor, ct);
    }

    public override async Task<ScoringApi.HoldResponse> ReleaseAsync(string holdId, string actor, CancellationToken ct)
    {
        ThrowIfDown();
        return await base.ReleaseAsync(holdId, actor, ct);
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
