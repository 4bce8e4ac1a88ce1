using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>Edges of the workflow that an auditor would probe.</summary>
public sealed class EdgeTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<Proposal> Approve(long id, string member) =>
        host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = id, MemberId = member }).ResponseAsync;

    [Fact]
    public async Task A_retried_proposal_with_the_same_key_is_one_proposal()
    {
        var request = new ProposeRequest
        {
            IdempotencyKey = "proposal-1", VillageCode = ScoringHost.Village, HouseholdNumber = "004", RuleCode = "DISASTER-DUTY", ProposedBy = "m1",
        };
        var first = await host.Awards.ProposeAsync(request);
        var again = await host.Awards.ProposeAsync(request);

        Assert.Equal(first.Id, again.Id);
        Assert.Single((await host.Awards.ListProposalsAsync(new ListProposalsRequest { VillageCode = ScoringHost.Village })).Proposals);
    }

    [Fact]
    public async Task A_household_with_points_held_or_proposals_on_their_way_cannot_be_merged()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await host.Ledger.HoldAsync(new HoldRequest { HoldId = "order-1", Household = ScoringHost.Household("004"), Points = 5, Actor = "counter" });
        var merge = new MergeHouseholdsRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("004"), TargetHouseholdNumber = "005", Actor = "clerk Zhou",
        };
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLDS_PENDING", () => host.Households.MergeHouseholdsAsync(merge).ResponseAsync);
        await host.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "order-1", Actor = "counter" });

        var proposal = await host.ProposeAsync("004", "DISASTER-DUTY");
        await Approve(proposal.Id, "m1");
        await Approve(proposal.Id, "m2");
        merge.IdempotencyKey = host.Key();
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PROPOSALS_PENDING", () => host.Households.MergeHouseholdsAsync(merge).ResponseAsync);
        Assert.Equal(HouseholdStatus.Active, (await host.Households.GetHouseholdAsync(ScoringHost.Household("004"))).Status);

        host.Clock.Advance(TimeSpan.FromDays(4));
        await host.Awards.PostDueAsync(new PostDueRequest());
        merge.IdempotencyKey = host.Key();
        var merged = await host.Households.MergeHouseholdsAsync(merge);
        Assert.Equal(45, merged.PointsMoved);
        Assert.Equal(45, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("005"))).Balance_);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_reversed_award_no_longer_counts_against_the_cap_nor_on_the_red_list()
    {
        var posted = await host.AwardAsync("004", "TIDY-HOME");
        var red = new GetLeaderboardRequest { VillageCode = ScoringHost.Village, Period = "2026-11", List = LeaderboardList.Red };
        await Poller.UntilAsync(async () => (await host.Ledger.GetLeaderboardAsync(red)).Lines.Any(l => l.HouseholdNumber == "004"),
            "the award reaches the red list");
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CAP_REACHED", () => host.ProposeAsync("004", "TIDY-HOME"));

        await host.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = host.Key(), EntryId = posted.EntryId, Actor = "m2", Reason = "The home was not tidy" });

        await host.ProposeAsync("004", "TIDY-HOME");
        var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
        Assert.Equal((0L, 0L), (balance.Balance_, balance.LifetimeAwarded));
        await Poller.UntilAsync(async () => (await host.Ledger.GetLeaderboardAsync(red)).Lines.All(l => l.HouseholdNumber != "004"),
            "the reversal takes the award back from the red list");
    }

    [Fact]
    public async Task Only_panel_members_approve_and_an_unknown_proposal_is_not_found()
    {
        var proposal = await host.ProposeAsync("004", "DISASTER-DUTY");

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOT_A_PANEL_MEMBER", () => Approve(proposal.Id, "chen-guifang"));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "PROPOSAL_NOT_FOUND", () => Approve(999, "m2"));
    }

    [Fact]
    public async Task A_quorum_and_notice_days_set_by_the_village_are_used()
    {
        var panel = await host.Panels.SetPanelSettingsAsync(new SetPanelSettingsRequest { IdempotencyKey = "settings-quorum-1", VillageCode = ScoringHost.Village, Quorum = 1, NoticeDays = 5, Actor = "clerk Zhou" });
        Assert.Equal((1, 5), (panel.EffectiveQuorum, panel.NoticeDays));

        var proposal = await host.ProposeAsync("004", "DISASTER-DUTY");
        Assert.Equal(ProposalStatus.OnNotice, (await Approve(proposal.Id, "m2")).Status);

        host.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(0, (await host.Awards.PostDueAsync(new PostDueRequest { VillageCode = ScoringHost.Village })).Posted);
        host.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await host.Awards.PostDueAsync(new PostDueRequest { VillageCode = ScoringHost.Village })).Posted);
    }

    [Fact]
    public async Task Panel_changes_and_village_registration_take_an_idempotency_key_and_a_retried_removal_replays()
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "IDEMPOTENCY_KEY_REQUIRED", async () =>
            await host.Panels.RemovePanelMemberAsync(new RemovePanelMemberRequest { VillageCode = ScoringHost.Village, MemberId = "m3", Actor = "clerk Zhou" }));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "IDEMPOTENCY_KEY_REQUIRED", async () =>
            await host.Villages.RegisterVillageAsync(new RegisterVillageRequest { Code = "410522101299", Name = "Beiling", Township = "Qiaoli Township", County = "Anle County" }));
        Assert.Equal(3, (await host.Panels.GetPanelAsync(new GetPanelRequest { VillageCode = ScoringHost.Village })).Members.Count);

        var removal = new RemovePanelMemberRequest { IdempotencyKey = "remove-m3", VillageCode = ScoringHost.Village, MemberId = "m3", Actor = "clerk Zhou" };
        var first = await host.Panels.RemovePanelMemberAsync(removal);
        var again = await host.Panels.RemovePanelMemberAsync(removal);
        Assert.Equal(["m1", "m2"], first.Members.Select(m => m.MemberId));
        Assert.Equal(first, again);

        // A new removal of the same member (a new key) is told the member is gone; the key of
        // the first one cannot be reused for something else.
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "PANEL_MEMBER_NOT_FOUND", async () =>
            await host.Panels.RemovePanelMemberAsync(new RemovePanelMemberRequest { IdempotencyKey = "remove-m3-again", VillageCode = ScoringHost.Village, MemberId = "m3", Actor = "clerk Zhou" }));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED", async () =>
            await host.Panels.RemovePanelMemberAsync(new RemovePanelMemberRequest { IdempotencyKey = "remove-m3", VillageCode = ScoringHost.Village, MemberId = "m2", Actor = "clerk Zhou" }));
        Assert.Equal(["m1", "m2"], (await host.Panels.GetPanelAsync(new GetPanelRequest { VillageCode = ScoringHost.Village })).Members.Select(m => m.MemberId));
    }
}
