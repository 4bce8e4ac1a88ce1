using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// Villagers act for themselves (issue 18, part 4): a household reads its village's notice board
/// with names masked and objects in its own name, with its own household token.
/// </summary>
public sealed class VillagerTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync()
    {
        host = await ScoringHost.StartAsync();
        await host.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "villagers", VillageCode = ScoringHost.Village, Actor = "clerk Zhou",
            Households =
            {
                new NewHousehold { HouseholdNumber = "007", HeadName = "王建国", MemberCount = 4 },
                new NewHousehold { HouseholdNumber = "008", HeadName = "李娜", MemberCount = 2 },
            },
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_household_reads_its_villages_board_with_other_names_masked_and_its_own_lines_marked()
    {
        var forOther = await OnNoticeAsync("007", "DISASTER-DUTY");
        var forSelf = await OnNoticeAsync("008", "TIDY-HOME");

        var board = await Awards("008").GetHouseholdNoticeBoardAsync(ScoringHost.Household("008"));

        Assert.Equal(ScoringHost.Village, board.VillageCode);
        var other = board.OnNotice.Single(n => n.ProposalId == forOther.Id);
        Assert.Equal("王*国", other.HeadNameMasked);
        Assert.Equal(string.Empty, other.HouseholdNumber);
        Assert.False(other.OwnHousehold);
        Assert.Equal(15, other.Points);
        Assert.Equal("DISASTER-DUTY", other.RuleCode);
        Assert.False(string.IsNullOrEmpty(other.RuleName));
        var own = board.OnNotice.Single(n => n.ProposalId == forSelf.Id);
        Assert.True(own.OwnHousehold);
        Assert.Equal("008", own.HouseholdNumber);
        Assert.Equal("李*", own.HeadNameMasked);
        Assert.DoesNotContain("王建国", board.ToString());
        Assert.DoesNotContain("李娜", board.ToString());
    }

    [Fact]
    public async Task A_household_objects_in_its_own_name_and_the_proposal_returns_to_the_panel()
    {
        var proposal = await OnNoticeAsync("007", "DISASTER-DUTY");

        var objection = await Awards("008").ObjectAsHouseholdAsync(new ObjectAsHouseholdRequest
        {
            IdempotencyKey = "obj-1", Household = ScoringHost.Household("008"), ProposalId = proposal.Id, Reason = "He was away that week.",
        });

        Assert.Equal(ProposalStatus.Returned, objection.Status);
        Assert.Equal("008", objection.HouseholdNumber);
        var seen = await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = proposal.Id });
        Assert.Equal(ProposalStatus.Returned, seen.Status);
        Assert.Empty(seen.ApprovedBy);
        var recorded = seen.Objections.Single();
        Assert.Equal("008", recorded.HouseholdNumber);
        Assert.Equal("household 008", recorded.By);
        Assert.Equal("He was away that week.", recorded.Reason);
        Assert.Empty((await Awards("008").GetHouseholdNoticeBoardAsync(ScoringHost.Household("008"))).OnNotice);

        // Its objection is open until the panel approves again: a second one is refused.
        await RpcAssert.RefusedAsync(StatusCode.AlreadyExists, "OBJECTION_ALREADY_OPEN", () => Awards("008").ObjectAsHouseholdAsync(new ObjectAsHouseholdRequest
        {
            IdempotencyKey = "obj-2", Household = ScoringHost.Household("008"), ProposalId = proposal.Id, Reason = "Again.",
        }).ResponseAsync);

        // Once the panel has approved it again, the household may object anew.
        await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "m1" });
        await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "m2" });
        var again = await Awards("008").ObjectAsHouseholdAsync(new ObjectAsHouseholdRequest
        {
            IdempotencyKey = "obj-3", Household = ScoringHost.Household("008"), ProposalId = proposal.Id, Reason = "Still not so.",
        });
        Assert.Equal(ProposalStatus.Returned, again.Status);
        Assert.Equal(2, (await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = proposal.Id })).Objections.Count);
    }

    [Fact]
    public async Task A_household_is_denied_other_households_and_other_villages()
    {
        var proposal = await OnNoticeAsync("007", "DISASTER-DUTY");
        await host.Villages.RegisterVillageAsync(new RegisterVillageRequest
        {
            IdempotencyKey = "v2", Code = "V2", Name = "Xishan", Township = "Qiaoli Township", County = "Anle County",
        });
        await host.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "v2-households", VillageCode = "V2", Actor = "clerk Zhou",
            Households = { new NewHousehold { HouseholdNumber = "001", HeadName = "Zhou Ping", MemberCount = 2 } },
        });
        var outsider = new HouseholdRef { VillageCode = "V2", HouseholdNumber = "001" };
        var awards = new Awards.AwardsClient(host.App.ChannelWithToken(TestTokens.Mint(Role.Household, household: new HouseholdScope("V2", "001"))));

        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "OUT_OF_SCOPE",
            () => awards.GetHouseholdNoticeBoardAsync(ScoringHost.Household("008")).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "OUT_OF_SCOPE", () => Awards("008").ObjectAsHouseholdAsync(new ObjectAsHouseholdRequest
        {
            IdempotencyKey = "as-007", Household = ScoringHost.Household("007"), ProposalId = proposal.Id, Reason = "Pretending.",
        }).ResponseAsync);
        // Its own name, another village's proposal: not found there, nothing changes.
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "PROPOSAL_NOT_FOUND", () => awards.ObjectAsHouseholdAsync(new ObjectAsHouseholdRequest
        {
            IdempotencyKey = "across", Household = outsider, ProposalId = proposal.Id, Reason = "Not my village.",
        }).ResponseAsync);
        Assert.Empty((await awards.GetHouseholdNoticeBoardAsync(outsider)).OnNotice);
        Assert.Equal(ProposalStatus.OnNotice, (await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = proposal.Id })).Status);
        // The staff board still names households in full.
        Assert.Equal("007", (await host.Awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = ScoringHost.Village })).OnNotice.Single().HouseholdNumber);
    }

    private Awards.AwardsClient Awards(string household) =>
        new(host.App.ChannelWithToken(TestTokens.Mint(Role.Household, household: new HouseholdScope(ScoringHost.Village, household))));

    private async Task<Proposal> OnNoticeAsync(string household, string rule)
    {
        var proposal = await host.ProposeAsync(household, rule);
        await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "m1" });
        return await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "m2" });
    }
}
