using Grpc.Core;
using Platform.Contracts.Dividends.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>Bad input gets a clear status and reason, and a refused call changes nothing.</summary>
public sealed class RefusalTests : IAsyncLifetime
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

    [Fact]
    public async Task A_negative_income_is_refused_and_no_draft_is_stored()
    {
        var request = WorkedExample.Draft(code);
        request.IncomeFen = -1;

        var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "AMOUNT_NEGATIVE",
            () => app.Distributions.DraftDistributionAsync(request).ResponseAsync);

        Assert.Contains("income", ex.Status.Detail);
        Assert.Equal(0, await app.DistributionCountAsync());
    }

    [Fact]
    public async Task A_rate_above_one_hundred_percent_is_refused_and_the_policy_keeps_its_version()
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "RATE_INVALID",
            () => app.Distributions.SetPolicyAsync(new SetPolicyRequest { IdempotencyKey = "policy-2", CooperativeCode = code, ReserveBp = 10_001 }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "RATE_INVALID",
            () => app.Distributions.SetPolicyAsync(new SetPolicyRequest { IdempotencyKey = "policy-3", CooperativeCode = code, ReserveBp = 6_000, WelfareBp = 5_000 }).ResponseAsync);

        var policy = await app.Distributions.GetPolicyAsync(new GetPolicyRequest { CooperativeCode = code });
        Assert.Equal((1, 1_000), (policy.Version, policy.ReserveBp));
    }

    [Fact]
    public async Task A_holding_for_an_unknown_member_is_not_found()
    {
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "MEMBER_NOT_FOUND",
            () => app.Members.RecordHoldingAsync(new RecordHoldingRequest
            {
                IdempotencyKey = "holding-unknown", CooperativeCode = code, MemberId = 999_999, ShareClass = ShareClass.Land, Quantity = 150, EffectiveFrom = "2025-01-01",
            }).ResponseAsync);
    }

    [Theory]
    [InlineData(ShareClass.Unspecified, 1L, "2025-01-01", "SHARE_CLASS_INVALID")]
    [InlineData((ShareClass)42, 1L, "2025-01-01", "SHARE_CLASS_INVALID")]
    [InlineData(ShareClass.Land, -5L, "2025-01-01", "AMOUNT_NEGATIVE")]
    [InlineData(ShareClass.Land, 5L, "2025-13-01", "EFFECTIVE_FROM_INVALID")]
    public async Task A_malformed_holding_is_an_invalid_argument(ShareClass cls, long quantity, string from, string reason)
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, reason,
            () => app.Members.RecordHoldingAsync(new RecordHoldingRequest
            {
                IdempotencyKey = "holding-malformed", CooperativeCode = code, MemberId = members[0], ShareClass = cls, Quantity = quantity, EffectiveFrom = from,
            }).ResponseAsync);

        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));
        Assert.Equal(250_000, draft.Allocations[0].TotalFen);
    }

    [Fact]
    public async Task Paying_an_unapproved_distribution_is_refused_and_no_payout_is_created()
    {
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "DISTRIBUTION_NOT_PUBLISHED",
            () => app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
            {
                PayoutId = "P-1", DistributionId = draft.DistributionId, MemberId = members[0], Method = PayoutMethod.Cash,
            }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "DISTRIBUTION_NOT_APPROVED",
            () => app.Distributions.PublishDistributionAsync(new PublishDistributionRequest { IdempotencyKey = "publish-1", DistributionId = draft.DistributionId }).ResponseAsync);

        Assert.Empty((await app.Payouts.ListPayoutsAsync(new ListPayoutsRequest { DistributionId = draft.DistributionId })).Payouts);
    }

    [Fact]
    public async Task Changing_an_approved_distribution_is_refused_and_its_figures_stay()
    {
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));
        await BoardSignatures.ApproveAsync(app.Host, code, draft.DistributionId);

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "DISTRIBUTION_IMMUTABLE",
            () => app.Distributions.RedraftDistributionAsync(new RedraftDistributionRequest
            {
                IdempotencyKey = "redraft-1", DistributionId = draft.DistributionId, IncomeFen = 99_000_000,
            }).ResponseAsync);

        var kept = await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = draft.DistributionId });
        Assert.Equal((DistributionStatus.Approved, 12_000_000L, 10_000_000L), (kept.Status, kept.IncomeFen, kept.DistributableFen));
        Assert.Equal(draft.Allocations, kept.Allocations);
        Assert.Equal(("王建国", "李秀英"), (kept.BoardApprover, kept.SupervisoryApprover));
    }

    [Fact]
    public async Task Approval_by_typed_names_is_refused_and_points_to_the_signatures()
    {
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "APPROVAL_BY_SIGNATURE",
            () => app.Distributions.ApproveDistributionAsync(new ApproveDistributionRequest
            {
                IdempotencyKey = "approve-1", DistributionId = draft.DistributionId, BoardApprover = "Wang Jianguo", SupervisoryApprover = "Li Xiuying",
            }).ResponseAsync);

        var kept = await app.Distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = draft.DistributionId });
        Assert.Equal((DistributionStatus.Draft, string.Empty), (kept.Status, kept.BoardApprover));
    }

    [Fact]
    public async Task A_payout_id_reused_for_another_member_is_refused()
    {
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));
        await BoardSignatures.ApproveAsync(app.Host, code, draft.DistributionId);
        await app.Distributions.PublishDistributionAsync(new PublishDistributionRequest { IdempotencyKey = "publish-1", DistributionId = draft.DistributionId, NoticeDays = 0 });
        var first = new CreatePayoutRequest { PayoutId = "P-1", DistributionId = draft.DistributionId, MemberId = members[0], Method = PayoutMethod.Cash };
        await app.Payouts.CreatePayoutAsync(first);

        var replay = await app.Payouts.CreatePayoutAsync(first);
        await RpcAssert.RefusedAsync(StatusCode.AlreadyExists, "PAYOUT_ID_REUSED",
            () => app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
            {
                PayoutId = "P-1", DistributionId = draft.DistributionId, MemberId = members[1], Method = PayoutMethod.Cash,
            }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.AlreadyExists, "MEMBER_PAYOUT_EXISTS",
            () => app.Payouts.CreatePayoutAsync(new CreatePayoutRequest
            {
                PayoutId = "P-2", DistributionId = draft.DistributionId, MemberId = members[0], Method = PayoutMethod.Cash,
            }).ResponseAsync);

        Assert.Equal(members[0], replay.MemberId);
        Assert.Single((await app.Payouts.ListPayoutsAsync(new ListPayoutsRequest { DistributionId = draft.DistributionId })).Payouts);
    }

    [Fact]
    public async Task A_draft_for_an_unknown_cooperative_is_not_found()
    {
        var request = WorkedExample.Draft("COOP-NONE");

        await RpcAssert.RefusedAsync(StatusCode.NotFound, "COOPERATIVE_NOT_FOUND",
            () => app.Distributions.DraftDistributionAsync(request).ResponseAsync);

        Assert.Equal(0, await app.DistributionCountAsync());
    }
}
