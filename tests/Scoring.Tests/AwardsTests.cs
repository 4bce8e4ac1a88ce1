using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

public sealed class AwardsTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_new_village_starts_from_the_default_catalogue()
    {
        var rules = await host.Rules.ListRulesAsync(new ListRulesRequest { VillageCode = ScoringHost.Village });

        var codes = rules.Rules.ToDictionary(r => r.Code, r => r.Points);
        Assert.Equal(30, codes["SIMPLE-CEREMONY"]);
        Assert.Equal(15, codes["DISASTER-DUTY"]);
        Assert.Equal(10, codes["TIDY-HOME"]);
        Assert.Equal(50, codes["INCOME-ENTERPRISE"]);
        Assert.Equal(50, codes["MODEL-TITLE"]);
        Assert.All(new[] { "DAMAGED-ENVIRONMENT", "ABUSED-PARENTS", "FIGHTING" }, c => Assert.True(codes[c] < 0));
    }

    [Fact]
    public async Task An_award_is_posted_only_after_quorum_approval_and_an_unobjected_notice()
    {
        var proposal = await host.ProposeAsync("004", "DISASTER-DUTY");
        Assert.Equal(ProposalStatus.Proposed, proposal.Status);
        Assert.Equal(2, proposal.ApprovalsNeeded);

        var once = await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "m1" });
        Assert.Equal(ProposalStatus.Proposed, once.Status);
        var twice = await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "m2" });
        Assert.Equal(ProposalStatus.OnNotice, twice.Status);
        Assert.Single((await host.Awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = ScoringHost.Village })).OnNotice);

        host.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, (await host.Awards.PostDueAsync(new PostDueRequest())).Posted);
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"))).Balance_);

        host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        var posting = await host.Awards.PostDueAsync(new PostDueRequest());
        Assert.Equal(1, posting.Posted);
        var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
        Assert.Equal(15, balance.Balance_);
        Assert.Equal(15, balance.LifetimeAwarded);
        var entry = (await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004") })).Entries.Single();
        Assert.Equal(EntryKind.Award, entry.Kind);
        Assert.Equal("DISASTER-DUTY", entry.RuleCode);
        Assert.Equal(1, entry.RuleVersion);
        Assert.Equal("m1", entry.Actor);
        Assert.Equal(proposal.Id, entry.ProposalId);
        Assert.Equal("2026-11", entry.Period);
        Assert.False(string.IsNullOrEmpty(entry.RequestId));
        Assert.Equal(ProposalStatus.Posted, (await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = proposal.Id })).Status);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_panel_member_cannot_approve_for_his_or_her_own_household()
    {
        var proposal = await host.ProposeAsync("001", "TIDY-HOME", by: "m2");

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "RECUSAL_REQUIRED",
            () => host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "m1" }).ResponseAsync);

        var after = await host.Awards.GetProposalAsync(new GetProposalRequest { ProposalId = proposal.Id });
        Assert.Empty(after.ApprovedBy);
    }

    [Fact]
    public async Task A_first_secretary_from_outside_sits_on_the_panel_without_a_household_and_approves_for_every_household()
    {
        var panel = await host.Panels.SetPanelMemberAsync(new SetPanelMemberRequest
        {
            IdempotencyKey = host.Key(),
            VillageCode = ScoringHost.Village,
            Actor = "clerk Zhou",
            Member = new PanelMember { MemberId = "s1", Name = "Gao Wei", Role = PanelRole.FirstSecretary },
        });
        var cadre = await host.Panels.SetPanelMemberAsync(new SetPanelMemberRequest
        {
            IdempotencyKey = host.Key(),
            VillageCode = ScoringHost.Village,
            Actor = "clerk Zhou",
            Member = new PanelMember { MemberId = "t1", Name = "Ma Lin", Role = PanelRole.TownshipCadre },
        });
        var proposal = await host.ProposeAsync("001", "DISASTER-DUTY", by: "m2");

        var approved = await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = "s1" });

        Assert.Equal(string.Empty, panel.Members.Single(m => m.MemberId == "s1").HouseholdNumber);
        Assert.Equal(PanelRole.TownshipCadre, cadre.Members.Single(m => m.MemberId == "t1").Role);
        Assert.Contains("s1", approved.ApprovedBy);
    }

    [Fact]
    public async Task A_villager_on_the_panel_without_a_household_is_refused_naming_the_members_own_household()
    {
        var refused = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "HOUSEHOLD_NUMBER_REQUIRED",
            () => host.Panels.SetPanelMemberAsync(new SetPanelMemberRequest
            {
                IdempotencyKey = host.Key(),
                VillageCode = ScoringHost.Village,
                Actor = "clerk Zhou",
                Member = new PanelMember { MemberId = "m9", Name = "Qian Hua", Role = PanelRole.PartyMember },
            }).ResponseAsync);

        Assert.Contains("member's own household", refused.Status.Detail, StringComparison.Ordinal);
        var panel = await host.Panels.GetPanelAsync(new GetPanelRequest { VillageCode = ScoringHost.Village });
        Assert.DoesNotContain(panel.Members, m => m.MemberId == "m9");
    }

    [Fact]
    public async Task An_objection_returns_the_proposal_to_the_panel_and_one_after_the_window_is_refused()
    {
        var proposal = await host.ProposeAsync("005", "SIMPLE-CEREMONY");
        foreach (var m in new[] { "m1", "m2" })
        {
            await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = m });
        }

        var objected = await host.Awards.ObjectAsync(new ObjectRequest
        {
            IdempotencyKey = host.Key(), ProposalId = proposal.Id, By = "Sun Dehai (006)", Reason = "The wedding had twenty tables",
        });
        Assert.Equal(ProposalStatus.Returned, objected.Status);
        Assert.Empty(objected.ApprovedBy);
        Assert.Single(objected.Objections);

        host.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, (await host.Awards.PostDueAsync(new PostDueRequest())).Posted);

        foreach (var m in new[] { "m2", "m3" })
        {
            await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = m });
        }

        host.Clock.Advance(TimeSpan.FromDays(4));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOTICE_WINDOW_CLOSED",
            () => host.Awards.ObjectAsync(new ObjectRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, By = "006", Reason = "late" }).ResponseAsync);
        Assert.Equal(1, (await host.Awards.PostDueAsync(new PostDueRequest())).Posted);
        Assert.Equal(30, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("005"))).Balance_);
    }

    [Fact]
    public async Task A_capped_rule_is_refused_a_second_time_in_the_month_and_evidence_is_required_where_the_rule_says()
    {
        await host.AwardAsync("004", "TIDY-HOME");

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "CAP_REACHED", () => host.ProposeAsync("004", "TIDY-HOME"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EVIDENCE_REQUIRED", () => host.ProposeAsync("004", "MODEL-TITLE"));
        var titled = await host.ProposeAsync("004", "MODEL-TITLE", evidence: "township certificate 2026-031");
        Assert.Equal("township certificate 2026-031", titled.EvidenceRef);
    }

    [Fact]
    public async Task A_changed_rule_is_a_new_version_and_entries_record_the_version_used()
    {
        var v2 = await host.Rules.DefineRuleAsync(new DefineRuleRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Code = "DISASTER-DUTY",
            Name = "Joined collective fire or flood duty", Points = 20, Actor = "m1",
        });
        Assert.Equal(2, v2.Version);

        var proposal = await host.AwardAsync("006", "DISASTER-DUTY");

        Assert.Equal(2, proposal.RuleVersion);
        Assert.Equal(20, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("006"))).Balance_);
        var history = await host.Rules.ListRulesAsync(new ListRulesRequest { VillageCode = ScoringHost.Village, IncludeHistory = true });
        Assert.Equal(2, history.Rules.Count(r => r.Code == "DISASTER-DUTY"));
    }

    [Fact]
    public async Task The_monthly_sheet_is_submitted_and_approved_as_one_and_posted_by_one_job()
    {
        var sheet = await host.Awards.SubmitSheetAsync(new SubmitSheetRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Period = "2026-11", SubmittedBy = "m3",
            Lines =
            {
                new SheetLine { HouseholdNumber = "001", RuleCode = "TIDY-HOME" },
                new SheetLine { HouseholdNumber = "001", RuleCode = "DISASTER-DUTY" },
                new SheetLine { HouseholdNumber = "004", RuleCode = "TIDY-HOME" },
                new SheetLine { HouseholdNumber = "005", RuleCode = "FIGHTING", Note = "Fight at the market" },
            },
        });
        Assert.Equal(4, sheet.Proposed);

        await host.Awards.ApproveSheetAsync(new ApproveSheetRequest { IdempotencyKey = host.Key(), SheetId = sheet.Id, MemberId = "m1" });
        var approved = await host.Awards.ApproveSheetAsync(new ApproveSheetRequest { IdempotencyKey = host.Key(), SheetId = sheet.Id, MemberId = "m2" });
        // m1 recused from household 001's two lines; they wait for a second approver.
        Assert.Equal(2, approved.OnNotice);
        Assert.Equal(2, approved.Proposed);
        approved = await host.Awards.ApproveSheetAsync(new ApproveSheetRequest { IdempotencyKey = host.Key(), SheetId = sheet.Id, MemberId = "m3" });
        Assert.Equal(4, approved.OnNotice);

        host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        var posted = await host.Awards.PostDueAsync(new PostDueRequest { VillageCode = ScoringHost.Village });

        Assert.Equal(4, posted.Posted);
        Assert.Equal(25, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("001"))).Balance_);
        Assert.Equal(-20, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("005"))).Balance_);
        Assert.Equal(4, (await host.Awards.GetSheetAsync(new GetSheetRequest { SheetId = sheet.Id })).Posted);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_sheet_with_a_bad_line_is_refused_naming_the_line_and_creates_nothing()
    {
        var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "SHEET_INVALID", () => host.Awards.SubmitSheetAsync(new SubmitSheetRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Period = "2026-11", SubmittedBy = "m3",
            Lines =
            {
                new SheetLine { HouseholdNumber = "004", RuleCode = "TIDY-HOME" },
                new SheetLine { HouseholdNumber = "999", RuleCode = "TIDY-HOME" },
                new SheetLine { HouseholdNumber = "004", RuleCode = "TIDY-HOME" },
            },
        }).ResponseAsync);

        var bad = ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(["lines[1].household_number", "lines[2].rule_code"], bad);
        Assert.Empty((await host.Awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = ScoringHost.Village })).OnNotice);
        await host.ProposeAsync("004", "TIDY-HOME");
    }

    [Fact]
    public async Task Leaderboards_follow_posted_points_and_rebuild_to_the_same_from_the_ledger()
    {
        await host.AwardAsync("004", "MODEL-TITLE", evidence: "certificate 7");
        await host.AwardAsync("006", "DISASTER-DUTY");
        await host.AwardAsync("005", "FIGHTING");
        var red = new GetLeaderboardRequest { VillageCode = ScoringHost.Village, Period = "2026-11", List = LeaderboardList.Red };

        await Poller.UntilAsync(async () => (await host.Ledger.GetLeaderboardAsync(red)).Lines.Count == 2, "the red list shows both awards");
        var lines = (await host.Ledger.GetLeaderboardAsync(red)).Lines;
        Assert.Equal(("004", 50L, "Chen Guiying"), (lines[0].HouseholdNumber, lines[0].Points, lines[0].HeadName));
        Assert.Equal(("006", 15L), (lines[1].HouseholdNumber, lines[1].Points));
        var blackList = new GetLeaderboardRequest { VillageCode = ScoringHost.Village, Period = "2026-11", List = LeaderboardList.Black };
        // The deduction's event is consumed on its own schedule: wait for it as for the awards.
        await Poller.UntilAsync(async () => (await host.Ledger.GetLeaderboardAsync(blackList)).Lines.Count == 1, "the black list shows the deduction");
        var black = await host.Ledger.GetLeaderboardAsync(blackList);
        Assert.Equal(("005", 20L), (black.Lines.Single().HouseholdNumber, black.Lines.Single().Points));

        var rebuilt = await host.Ledger.RebuildLeaderboardAsync(new RebuildLeaderboardRequest { VillageCode = ScoringHost.Village, Period = "2026-11" });
        Assert.Equal(lines, rebuilt.Lines);
    }
}
