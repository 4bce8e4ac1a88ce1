using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace ScoringTests;

public sealed class EdgeTests
{
    private static HouseholdRef Ref(string number) => new() { VillageCode = ScoringHost.Village, HouseholdNumber = number };

    [Fact]
    public async Task A_retried_proposal_with_the_same_key_is_one_proposal()
    {
        await using var s = await ScoringHost.StartAsync(5);
        var request = new ProposeRequest
        {
            IdempotencyKey = "proposal-1", VillageCode = ScoringHost.Village, HouseholdNumber = ScoringHost.H(4), RuleCode = "DISASTER-DUTY",
            ProposedBy = ScoringHost.Members[0],
        };
        var first = await s.Awards.ProposeAsync(request);
        var again = await s.Awards.ProposeAsync(request);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await s.DbAsync(db => Task.FromResult(db.Proposals.Count())));
    }

    [Fact]
    public async Task A_household_with_points_held_cannot_be_merged()
    {
        await using var s = await ScoringHost.StartAsync(5);
        await s.PostAsync(ScoringHost.H(4), "SIMPLE-CEREMONY");
        await s.HoldAsync("order-1", ScoringHost.H(4), 5);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLDS_PENDING", () => s.Households.MergeHouseholdsAsync(new MergeHouseholdsRequest
        {
            IdempotencyKey = s.Key(), Source = Ref(ScoringHost.H(4)), TargetHouseholdNumber = ScoringHost.H(5), Actor = "secretary",
        }).ResponseAsync);
        Assert.Equal(30, (await s.BalanceAsync(ScoringHost.H(4))).Balance_);
    }

    [Fact]
    public async Task A_household_with_proposals_on_their_way_cannot_be_merged_so_no_points_land_on_a_closed_household()
    {
        await using var s = await ScoringHost.StartAsync(5);
        await s.OnNoticeAsync(ScoringHost.H(4), "SIMPLE-CEREMONY");
        var merge = new MergeHouseholdsRequest
        {
            IdempotencyKey = s.Key(), Source = Ref(ScoringHost.H(4)), TargetHouseholdNumber = ScoringHost.H(5), Actor = "secretary",
        };
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PROPOSALS_PENDING", () => s.Households.MergeHouseholdsAsync(merge).ResponseAsync);
        Assert.Equal(HouseholdStatus.Active, (await s.Households.GetHouseholdAsync(Ref(ScoringHost.H(4)))).Status);

        await s.PassNoticeAndPostAsync();
        merge.IdempotencyKey = s.Key();
        var merged = await s.Households.MergeHouseholdsAsync(merge);
        Assert.Equal(30, merged.PointsMoved);
        Assert.Equal(0, (await s.BalanceAsync(ScoringHost.H(4))).Balance_);
        Assert.Equal(30, (await s.BalanceAsync(ScoringHost.H(5))).Balance_);
        await s.AssertLedgerConsistentAsync();
    }

    [Fact]
    public async Task A_reversed_award_no_longer_counts_against_the_cap_nor_on_the_red_list()
    {
        await using var s = await ScoringHost.StartAsync(5);
        var entryId = await s.PostAsync(ScoringHost.H(4), "TIDY-HOME");
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CAP_REACHED", () => s.ProposeAsync(ScoringHost.H(4), "TIDY-HOME"));
        await s.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = s.Key(), EntryId = entryId, Actor = "secretary", Reason = "home was not tidy" });
        await s.ProposeAsync(ScoringHost.H(4), "TIDY-HOME");
        var balance = await s.BalanceAsync(ScoringHost.H(4));
        Assert.Equal((0L, 0L), (balance.Balance_, balance.LifetimeAwarded));
        await Poller.UntilAsync(async () =>
        {
            var red = await s.Ledger.GetLeaderboardAsync(new GetLeaderboardRequest { VillageCode = ScoringHost.Village, Period = "2026-11", List = LeaderboardList.Red });
            return red.Lines.All(l => l.HouseholdNumber != ScoringHost.H(4) || l.Points == 0);
        }, "the reversal takes the award back from the red list");
    }

    [Fact]
    public async Task Only_panel_members_propose_and_approve()
    {
        await using var s = await ScoringHost.StartAsync(5);
        var proposal = await s.ProposeAsync(ScoringHost.H(4), "DISASTER-DUTY");
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOT_A_PANEL_MEMBER", () => s.ApproveAsync(proposal.Id, "chen-guifang"));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "PROPOSAL_NOT_FOUND", () => s.ApproveAsync(999, ScoringHost.Members[1]));
    }

    [Fact]
    public async Task A_quorum_set_by_the_village_is_used()
    {
        await using var s = await ScoringHost.StartAsync(5);
        var panel = await s.Panels.SetPanelSettingsAsync(new SetPanelSettingsRequest { VillageCode = ScoringHost.Village, Quorum = 1, NoticeDays = 5, Actor = "secretary" });
        Assert.Equal((1, 5), (panel.EffectiveQuorum, panel.NoticeDays));
        var proposal = await s.ProposeAsync(ScoringHost.H(4), "DISASTER-DUTY");
        proposal = await s.ApproveAsync(proposal.Id, ScoringHost.Members[1]);
        Assert.Equal(ProposalStatus.OnNotice, proposal.Status);
        s.Clock.Advance(TimeSpan.FromDays(4));
        Assert.Equal(0, (await s.Awards.PostDueAsync(new PostDueRequest { VillageCode = ScoringHost.Village })).Posted);
        s.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await s.Awards.PostDueAsync(new PostDueRequest { VillageCode = ScoringHost.Village })).Posted);
    }
}
