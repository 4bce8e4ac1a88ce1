using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Dividends.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>
/// Every write carries the caller's idempotency key: a retry after a lost answer gets the first
/// answer and has no second effect; the key reused for another request is refused.
/// </summary>
public sealed class IdempotencyTests : IAsyncLifetime
{
    private DividendsApp app = null!;
    private string code = null!;
    private long[] members = null!;

    public async Task InitializeAsync()
    {
        app = await DividendsApp.StartAsync();
        (code, members) = await WorkedExample.SetUpAsync(app.Cooperatives, app.Members, app.Distributions);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private RecordHoldingRequest ExtraShare(string key, long quantity = 1) => new()
    {
        IdempotencyKey = key, CooperativeCode = code, MemberId = members[3], ShareClass = ShareClass.Population,
        Quantity = quantity, EffectiveFrom = "2024-06-01",
    };

    [Fact]
    public async Task A_draft_retried_with_the_same_key_answers_the_same_distribution_and_drafts_once()
    {
        var first = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code, "draft-2025"));
        var retried = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code, "draft-2025"));

        Assert.Equal(first.DistributionId, retried.DistributionId);
        Assert.Equal(first, retried);
        Assert.Equal(1, await app.DistributionCountAsync());
    }

    [Fact]
    public async Task A_holding_retried_with_the_same_key_is_recorded_once()
    {
        var first = await app.Members.RecordHoldingAsync(ExtraShare("holding-extra"));
        var retried = await app.Members.RecordHoldingAsync(ExtraShare("holding-extra"));

        Assert.Equal(first.HoldingId, retried.HoldingId);
        Assert.Equal(2, await app.HoldingCountAsync(members[3]));
        // Two population shares against one each for members 5 and 6 (three if the retry had counted):
        // 7,750,000 fen after funds and guarantees, split 2 : 1 : 1.
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));
        Assert.Equal([3_875_000L, 1_937_500, 1_937_500], draft.Allocations.Skip(3).Select(a => a.SharesFen));
    }

    [Fact]
    public async Task A_key_reused_for_a_different_request_is_refused_and_changes_nothing()
    {
        await app.Members.RecordHoldingAsync(ExtraShare("holding-extra"));
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code, "draft-2025"));
        var otherDraft = WorkedExample.Draft(code, "draft-2025");
        otherDraft.IncomeFen = 99_000_000;

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED",
            () => app.Members.RecordHoldingAsync(ExtraShare("holding-extra", quantity: 5)).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED",
            () => app.Distributions.DraftDistributionAsync(otherDraft).ResponseAsync);
        // A key is one request whatever the RPC: a draft's key cannot name a holding.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED",
            () => app.Members.RecordHoldingAsync(ExtraShare("draft-2025")).ResponseAsync);

        Assert.Equal(2, await app.HoldingCountAsync(members[3]));
        Assert.Equal(1, await app.DistributionCountAsync());
        var kept = await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = draft.DistributionId });
        Assert.Equal((12_000_000L, draft.DistributableFen), (kept.IncomeFen, kept.DistributableFen));
    }

    [Fact]
    public async Task A_write_without_a_key_is_an_invalid_argument_naming_the_field_and_stores_nothing()
    {
        var unkeyedDraft = WorkedExample.Draft(code, key: "");
        var calls = new Func<Task>[]
        {
            () => app.Distributions.DraftDistributionAsync(unkeyedDraft).ResponseAsync,
            () => app.Members.RecordHoldingAsync(ExtraShare("  ")).ResponseAsync,
            () => app.Members.RecordPatronageAsync(new RecordPatronageRequest
            {
                CooperativeCode = code, MemberId = members[0], PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = 100,
            }).ResponseAsync,
            () => app.Cooperatives.RegisterCooperativeAsync(new RegisterCooperativeRequest
            {
                Code = "COOP-2", Name = "Riverside Cooperative", Kind = CooperativeKind.FarmersSpecialised, VillageCode = "410522101201",
            }).ResponseAsync,
        };

        foreach (var call in calls)
        {
            var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "IDEMPOTENCY_KEY_REQUIRED", call);
            Assert.Equal("idempotency_key", ex.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["field"]);
        }

        Assert.Equal(0, await app.DistributionCountAsync());
        Assert.Equal(1, await app.HoldingCountAsync(members[3]));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "COOPERATIVE_NOT_FOUND",
            () => app.Cooperatives.GetCooperativeAsync(new GetCooperativeRequest { Code = "COOP-2" }).ResponseAsync);
    }

    [Fact]
    public async Task A_failure_report_retried_after_the_payout_was_retried_does_not_fail_it_again()
    {
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));
        await BoardSignatures.ApproveAsync(app.Host, code, draft.DistributionId);
        await app.Distributions.PublishDistributionAsync(new PublishDistributionRequest { IdempotencyKey = "publish", DistributionId = draft.DistributionId, NoticeDays = 0 });
        await app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
        {
            PayoutId = "P-1", DistributionId = draft.DistributionId, MemberId = members[0], Method = PayoutMethod.Cash,
        });
        var failure = new RecordPayoutOutcomeRequest { IdempotencyKey = "outcome-1", PayoutId = "P-1", Paid = false, Note = "not at home" };

        var failed = await app.Payouts.RecordPayoutOutcomeAsync(failure);
        await app.Payouts.RetryPayoutAsync(new RetryPayoutRequest { IdempotencyKey = "retry-1", PayoutId = "P-1" });
        var replayed = await app.Payouts.RecordPayoutOutcomeAsync(failure);

        Assert.Equal(failed, replayed);
        var now = Assert.Single((await app.Payouts.ListPayoutsAsync(new ListPayoutsRequest { DistributionId = draft.DistributionId })).Payouts);
        Assert.Equal((PayoutStatus.Pending, 1), (now.Status, now.Attempts));
    }
}
