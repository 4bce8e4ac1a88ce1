using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// The panel's composition (issue 18, part 3): per-role minimums, the first secretary required,
/// the proposer kept from approving, recusal beyond the member's own household, and the same
/// rules for monthly sheets. The host's panel: m1, m2, m3 (villagers' representatives of 001–003).
/// </summary>
public sealed class PanelRulesTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Rules_the_current_panel_cannot_meet_are_refused_and_change_nothing()
    {
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PANEL_RULES_UNSATISFIABLE",
            () => SetRulesAsync(new PanelRules { ProposerMayApprove = true, RoleMinimums = { Minimum(PanelRole.VillageCadre, 1) } }));
        Assert.Contains("1 village cadre on the panel, and it would have 0", ex.Status.Detail);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PANEL_RULES_UNSATISFIABLE",
            () => SetRulesAsync(new PanelRules { FirstSecretaryRequired = true, ProposerMayApprove = true }));

        var panel = await host.Panels.GetPanelAsync(new GetPanelRequest { VillageCode = ScoringHost.Village });
        Assert.Empty(panel.Rules.RoleMinimums);
        Assert.False(panel.Rules.FirstSecretaryRequired);
        Assert.True(panel.Rules.ProposerMayApprove);
    }

    [Fact]
    public async Task Bad_rules_are_refused_as_invalid_input()
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ROLE_MINIMUM_INVALID",
            () => SetRulesAsync(new PanelRules { RoleMinimums = { Minimum(PanelRole.VillagersRepresentative, -1) } }));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ROLE_MINIMUM_DUPLICATE",
            () => SetRulesAsync(new PanelRules { RoleMinimums = { Minimum(PanelRole.VillagersRepresentative, 1), Minimum(PanelRole.VillagersRepresentative, 2) } }));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ROLE_INVALID",
            () => SetRulesAsync(new PanelRules { RoleMinimums = { Minimum(PanelRole.Unspecified, 1) } }));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "RULES_REQUIRED",
            () => host.Panels.SetPanelRulesAsync(new SetPanelRulesRequest { IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Actor = "clerk Zhou" }).ResponseAsync);
    }

    [Fact]
    public async Task A_role_minimum_keeps_a_proposal_off_the_notice_until_that_role_approves()
    {
        await AddMemberAsync("c1", "Hu Jun", PanelRole.VillageCadre, "004");
        var panel = await SetRulesAsync(new PanelRules { ProposerMayApprove = true, RoleMinimums = { Minimum(PanelRole.VillageCadre, 1) } });
        Assert.Equal(PanelRole.VillageCadre, panel.Rules.RoleMinimums.Single().Role);

        var proposal = await host.ProposeAsync("005", "TIDY-HOME");
        Assert.Equal(["needs 1 more village cadre", "needs 3 more approvals"], proposal.Lacking);
        await ApproveAsync(proposal.Id, "m1");
        var two = await ApproveAsync(proposal.Id, "m2");
        Assert.Equal(ProposalStatus.Proposed, two.Status);
        Assert.Equal(["needs 1 more village cadre", "needs 1 more approval"], two.Lacking);
        var three = await ApproveAsync(proposal.Id, "m3");
        Assert.Equal(ProposalStatus.Proposed, three.Status);
        Assert.Equal(["needs 1 more village cadre"], three.Lacking);

        var cadre = await ApproveAsync(proposal.Id, "c1");
        Assert.Equal(ProposalStatus.OnNotice, cadre.Status);
        Assert.Empty(cadre.Lacking);
    }

    [Fact]
    public async Task A_required_first_secretary_must_be_among_the_approvers()
    {
        await AddMemberAsync("s1", "Gao Wei", PanelRole.FirstSecretary, string.Empty);
        var panel = await SetRulesAsync(new PanelRules { FirstSecretaryRequired = true, ProposerMayApprove = true });
        Assert.True(panel.Rules.FirstSecretaryRequired);

        var proposal = await host.ProposeAsync("005", "TIDY-HOME");
        await ApproveAsync(proposal.Id, "m1");
        await ApproveAsync(proposal.Id, "m2");
        var waiting = await ApproveAsync(proposal.Id, "m3");
        Assert.Equal(ProposalStatus.Proposed, waiting.Status);
        Assert.Equal(["needs the first secretary"], waiting.Lacking);

        Assert.Equal(ProposalStatus.OnNotice, (await ApproveAsync(proposal.Id, "s1")).Status);
    }

    [Fact]
    public async Task The_proposer_may_not_approve_unless_the_village_allows_it()
    {
        var allowed = await host.ProposeAsync("005", "TIDY-HOME");
        Assert.Equal(["m1"], (await ApproveAsync(allowed.Id, "m1")).ApprovedBy);

        var panel = await SetRulesAsync(new PanelRules { ProposerMayApprove = false });
        Assert.False(panel.Rules.ProposerMayApprove);
        var proposal = await host.ProposeAsync("005", "DISASTER-DUTY");
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PROPOSER_MAY_NOT_APPROVE", () => ApproveAsync(proposal.Id, "m1"));
        Assert.Contains("Wang Xiulan proposed", ex.Status.Detail);
        Assert.Empty((await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = proposal.Id })).ApprovedBy);
        await ApproveAsync(proposal.Id, "m2");
        Assert.Equal(ProposalStatus.OnNotice, (await ApproveAsync(proposal.Id, "m3")).Status);

        await SetRulesAsync(new PanelRules { ProposerMayApprove = true });
        var again = await host.ProposeAsync("006", "TIDY-HOME");
        Assert.Equal(["m1"], (await ApproveAsync(again.Id, "m1")).ApprovedBy);
    }

    [Fact]
    public async Task A_new_village_keeps_the_proposer_from_approving_and_a_members_own_proposal_waits_for_the_others()
    {
        await host.Villages.RegisterVillageAsync(new RegisterVillageRequest
        {
            IdempotencyKey = host.Key(), Code = "410522101299", Name = "Xishan", Township = "Qiaoli Township", County = "Anle County",
        });
        Assert.False((await host.Panels.GetPanelAsync(new GetPanelRequest { VillageCode = "410522101299" })).Rules.ProposerMayApprove);

        await SetRulesAsync(new PanelRules { ProposerMayApprove = false });
        // Three approvals from a panel of three while the proposer may not approve: accepted, as
        // the office may propose in a member's stead; a member's own proposal then waits.
        await host.Panels.SetPanelSettingsAsync(new SetPanelSettingsRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Quorum = 3, NoticeDays = 3, Actor = "clerk Zhou",
        });
        var proposal = await host.ProposeAsync("005", "TIDY-HOME");
        await ApproveAsync(proposal.Id, "m2");
        var waiting = await ApproveAsync(proposal.Id, "m3");
        Assert.Equal(ProposalStatus.Proposed, waiting.Status);
        Assert.Equal(["needs 1 more approval"], waiting.Lacking);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PROPOSER_MAY_NOT_APPROVE", () => ApproveAsync(proposal.Id, "m1"));
    }

    [Fact]
    public async Task Removing_a_member_the_rules_need_is_refused_with_the_rule_named()
    {
        await AddMemberAsync("c1", "Hu Jun", PanelRole.VillageCadre, "004");
        await SetRulesAsync(new PanelRules { ProposerMayApprove = true, RoleMinimums = { Minimum(PanelRole.VillageCadre, 1) } });

        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PANEL_RULES_UNSATISFIABLE",
            () => host.Panels.RemovePanelMemberAsync(new RemovePanelMemberRequest
            {
                IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, MemberId = "c1", Actor = "clerk Zhou",
            }).ResponseAsync);
        Assert.Contains("at least 1 village cadre must approve", ex.Status.Detail);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PANEL_RULES_UNSATISFIABLE",
            () => AddMemberAsync("c1", "Hu Jun", PanelRole.PartyMember, "004"));
        var panel = await host.Panels.GetPanelAsync(new GetPanelRequest { VillageCode = ScoringHost.Village });
        Assert.Equal(PanelRole.VillageCadre, panel.Members.Single(m => m.MemberId == "c1").Role);

        // Another cadre first, then the first may go.
        await AddMemberAsync("c2", "Xu Lan", PanelRole.VillageCadre, "005");
        var after = await host.Panels.RemovePanelMemberAsync(new RemovePanelMemberRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, MemberId = "c1", Actor = "clerk Zhou",
        });
        Assert.DoesNotContain(after.Members, m => m.MemberId == "c1");
    }

    [Fact]
    public async Task A_sheet_is_approved_under_the_same_rules()
    {
        await AddMemberAsync("c1", "Hu Jun", PanelRole.VillageCadre, "004");
        await SetRulesAsync(new PanelRules { ProposerMayApprove = false, RoleMinimums = { Minimum(PanelRole.VillageCadre, 1) } });
        var sheet = await host.Awards.SubmitSheetAsync(new SubmitSheetRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Period = "2026-11", SubmittedBy = "m3",
            Lines = { new SheetLine { HouseholdNumber = "005", RuleCode = "TIDY-HOME" }, new SheetLine { HouseholdNumber = "006", RuleCode = "TIDY-HOME" } },
        });

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PROPOSER_MAY_NOT_APPROVE",
            () => ApproveSheetAsync(sheet.Id, "m3"));
        await ApproveSheetAsync(sheet.Id, "m1");
        var withoutCadre = await ApproveSheetAsync(sheet.Id, "m2");
        Assert.Equal(2, withoutCadre.Proposed);
        Assert.Equal(0, withoutCadre.OnNotice);
        var line = (await host.Awards.ListProposalsAsync(new ListProposalsRequest { VillageCode = ScoringHost.Village })).Proposals[0];
        // A panel of four: a majority is three.
        Assert.Equal(["needs 1 more village cadre", "needs 1 more approval"], line.Lacking);

        var withCadre = await ApproveSheetAsync(sheet.Id, "c1");
        Assert.Equal(2, withCadre.OnNotice);
    }

    [Fact]
    public async Task Recusal_extends_to_a_household_split_from_the_members_own()
    {
        await host.AwardAsync("001", "TIDY-HOME");
        await host.Households.SplitHouseholdAsync(new SplitHouseholdRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("001"), PointsToMove = 4, Actor = "clerk Zhou",
            NewHousehold = new NewHousehold { HouseholdNumber = "007", HeadName = "Wang Lei", MemberCount = 2 },
        });

        var proposal = await host.ProposeAsync("007", "TIDY-HOME", by: "m2");
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "RECUSAL_REQUIRED", () => ApproveAsync(proposal.Id, "m1"));
        Assert.Contains("split from or merged with household 007", ex.Status.Detail);

        var sheet = await host.Awards.SubmitSheetAsync(new SubmitSheetRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Period = "2026-11", SubmittedBy = "m2",
            Lines = { new SheetLine { HouseholdNumber = "007", RuleCode = "DISASTER-DUTY" }, new SheetLine { HouseholdNumber = "005", RuleCode = "DISASTER-DUTY" } },
        });
        await ApproveSheetAsync(sheet.Id, "m1");
        var approved = await ApproveSheetAsync(sheet.Id, "m3");
        Assert.Equal(1, approved.OnNotice);
        var waiting = (await host.Awards.ListProposalsAsync(new ListProposalsRequest { VillageCode = ScoringHost.Village })).Proposals
            .Single(p => p.SheetId == sheet.Id);
        Assert.Equal("007", waiting.HouseholdNumber);
        Assert.Equal(["m3"], waiting.ApprovedBy);
    }

    [Fact]
    public async Task A_members_ID_card_number_is_kept_and_shown_masked()
    {
        var panel = await AddMemberAsync("c1", "Hu Jun", PanelRole.VillageCadre, "004", "11010519491231002X");
        var shown = panel.Members.Single(m => m.MemberId == "c1").IdCardNumber;
        Assert.Equal("110105********002X", shown);

        // Sending back what was shown keeps the stored number.
        panel = await AddMemberAsync("c1", "Hu Jun", PanelRole.VillageCadre, "004", shown);
        Assert.Equal(shown, panel.Members.Single(m => m.MemberId == "c1").IdCardNumber);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ID_CARD_NUMBER_INVALID",
            () => AddMemberAsync("c1", "Hu Jun", PanelRole.VillageCadre, "004", "12345"));
    }

    [Fact]
    public async Task A_member_stands_aside_for_a_household_that_lists_him_or_her_by_ID_card_number()
    {
        var idCard = IdNumbers.Of("1971-05-20", 31);
        await AddMemberAsync("c1", "Hu Jun", PanelRole.VillageCadre, "004", idCard);
        // His mother's household, 005, records him as a member (the son still registered there).
        await host.Households.AddMemberAsync(new AddMemberRequest
        {
            IdempotencyKey = host.Key(), Household = ScoringHost.Household("005"), Actor = "clerk Zhou",
            Member = new NewMember { Name = "胡军", Relation = MemberRelation.Child, BornOn = "1971-05-20", IdCardNumber = idCard },
        });

        var forMother = await host.ProposeAsync("005", "TIDY-HOME", by: "m2");
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "RECUSAL_REQUIRED", () => ApproveAsync(forMother.Id, "c1"));
        Assert.Contains("member of household 005 (by ID card number)", ex.Status.Detail);
        Assert.DoesNotContain(idCard, ex.Status.Detail);

        // For a household that does not list him, he approves as before.
        var forOther = await host.ProposeAsync("006", "TIDY-HOME", by: "m2");
        Assert.Contains("c1", (await ApproveAsync(forOther.Id, "c1")).ApprovedBy);
    }

    private static RoleMinimum Minimum(PanelRole role, int approvals) => new() { Role = role, Approvals = approvals };

    private async Task<Panel> SetRulesAsync(PanelRules rules) =>
        await host.Panels.SetPanelRulesAsync(new SetPanelRulesRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Actor = "clerk Zhou", Rules = rules,
        });

    private async Task<Panel> AddMemberAsync(string id, string name, PanelRole role, string household, string idCard = "") =>
        await host.Panels.SetPanelMemberAsync(new SetPanelMemberRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Actor = "clerk Zhou",
            Member = new PanelMember { MemberId = id, Name = name, Role = role, HouseholdNumber = household, IdCardNumber = idCard },
        });

    private async Task<Proposal> ApproveAsync(long id, string member) =>
        await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = id, MemberId = member });

    private async Task<Sheet> ApproveSheetAsync(long id, string member) =>
        await host.Awards.ApproveSheetAsync(new ApproveSheetRequest { IdempotencyKey = host.Key(), SheetId = id, MemberId = member });
}
