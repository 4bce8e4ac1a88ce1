using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// Posting takes proposals off the notice board instead of rewriting them: what the API shows,
/// and what may still be done to a proposal, must follow the board and the ledger.
/// </summary>
public sealed class NoticeBoardTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_posted_proposal_leaves_the_board_is_listed_as_posted_and_can_be_neither_withdrawn_objected_to_nor_approved()
    {
        var posted = await host.AwardAsync("004", "DISASTER-DUTY");
        Assert.Equal(ProposalStatus.Posted, posted.Status);
        Assert.NotEqual(0, posted.EntryId);

        var onNotice = await ApprovedAsync("005", "SIMPLE-CEREMONY");
        Assert.Equal(ProposalStatus.OnNotice, onNotice.Status);

        var board = await host.Awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = ScoringHost.Village });
        Assert.Equal([onNotice.Id], board.OnNotice.Select(p => p.Id));
        Assert.Equal([onNotice.Id], (await ListAsync(ProposalStatus.OnNotice)).Select(p => p.Id));
        Assert.Equal([posted.Id], (await ListAsync(ProposalStatus.Posted)).Select(p => p.Id));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ALREADY_POSTED", () => host.Awards.WithdrawAsync(new WithdrawRequest
        {
            IdempotencyKey = host.Key(), ProposalId = posted.Id, MemberId = "m1", Reason = "second thoughts",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOTICE_WINDOW_CLOSED", () => host.Awards.ObjectAsync(new ObjectRequest
        {
            IdempotencyKey = host.Key(), ProposalId = posted.Id, By = "villager Sun Lei", Reason = "not so",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOT_AWAITING_APPROVAL", () => host.Awards.ApproveAsync(new ApproveRequest
        {
            IdempotencyKey = host.Key(), ProposalId = posted.Id, MemberId = "m3",
        }).ResponseAsync);

        Assert.Equal(0, (await host.Awards.PostDueAsync(new PostDueRequest())).Posted);
        Assert.Equal(15, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"))).Balance_);
        Assert.Equal(ProposalStatus.Posted, (await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = posted.Id })).Status);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_proposal_withdrawn_or_objected_to_on_notice_leaves_the_board_and_is_never_posted()
    {
        var withdrawn = await ApprovedAsync("004", "DISASTER-DUTY");
        var objected = await ApprovedAsync("005", "SIMPLE-CEREMONY");
        var stays = await ApprovedAsync("006", "TIDY-HOME");

        var afterWithdrawal = await host.Awards.WithdrawAsync(new WithdrawRequest
        {
            IdempotencyKey = host.Key(), ProposalId = withdrawn.Id, MemberId = "m1", Reason = "wrong household",
        });
        Assert.Equal(ProposalStatus.Withdrawn, afterWithdrawal.Status);
        var afterObjection = await host.Awards.ObjectAsync(new ObjectRequest
        {
            IdempotencyKey = host.Key(), ProposalId = objected.Id, By = "villager Sun Lei", Reason = "the ceremony was not simple",
        });
        Assert.Equal(ProposalStatus.Returned, afterObjection.Status);
        var board = await host.Awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = ScoringHost.Village });
        Assert.Equal([stays.Id], board.OnNotice.Select(p => p.Id));

        host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var posting = await host.Awards.PostDueAsync(new PostDueRequest());
        Assert.Equal(1, posting.Posted);
        Assert.Equal(10, posting.Points);
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"))).Balance_);
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("005"))).Balance_);
        Assert.Equal(10, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("006"))).Balance_);
        Assert.Equal(ProposalStatus.Withdrawn, (await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = withdrawn.Id })).Status);
        Assert.Equal(ProposalStatus.Returned, (await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = objected.Id })).Status);
        Assert.Empty((await host.Awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = ScoringHost.Village })).OnNotice);

        // The returned proposal goes round again: approved anew, on the board anew, posted once.
        await ApproveAsync(objected.Id, "m1");
        await ApproveAsync(objected.Id, "m2");
        host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await host.Awards.PostDueAsync(new PostDueRequest())).Posted);
        Assert.Equal(30, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("005"))).Balance_);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_capped_rule_counts_a_proposal_on_notice_and_one_posted_but_not_one_withdrawn()
    {
        var first = await ApprovedAsync("004", "TIDY-HOME");
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CAP_REACHED", () => host.ProposeAsync("004", "TIDY-HOME"));

        await host.Awards.WithdrawAsync(new WithdrawRequest { IdempotencyKey = host.Key(), ProposalId = first.Id, MemberId = "m1", Reason = "twice" });
        var second = await ApprovedAsync("004", "TIDY-HOME");
        host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await host.Awards.PostDueAsync(new PostDueRequest())).Posted);
        Assert.Equal(ProposalStatus.Posted, (await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = second.Id })).Status);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CAP_REACHED", () => host.ProposeAsync("004", "TIDY-HOME"));
    }

    private async Task<Proposal> ApprovedAsync(string household, string rule)
    {
        var proposal = await host.ProposeAsync(household, rule);
        await ApproveAsync(proposal.Id, "m1");
        return await ApproveAsync(proposal.Id, "m2");
    }

    private async Task<Proposal> ApproveAsync(long id, string member) =>
        await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = id, MemberId = member });

    private async Task<IReadOnlyList<Proposal>> ListAsync(ProposalStatus status) =>
        (await host.Awards.ListProposalsAsync(new ListProposalsRequest { VillageCode = ScoringHost.Village, Status = status })).Proposals;
}
