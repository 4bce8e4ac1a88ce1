using Platform.Contracts.Scoring.V1;

namespace Platform.Host.Demo;

/// <summary>The village, its panel, and three months of awards and deductions.</summary>
internal sealed partial class DemoHistory
{
    private const int NoticeDays = 3;

    private int proposalCount;

    private async Task RegisterVillageAsync(CancellationToken ct)
    {
        await villages.RegisterVillageAsync(new RegisterVillageRequest
        {
            IdempotencyKey = Key("village"), Code = DemoCounty.Village, Name = DemoCounty.VillageName,
            Township = DemoCounty.Township, County = DemoCounty.County,
        }, cancellationToken: ct);
        var registered = await households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = Key("households"), VillageCode = DemoCounty.Village, Actor = "王建国",
            Households =
            {
                DemoCounty.Numbers.Select(n => new NewHousehold
                {
                    HouseholdNumber = n,
                    HeadName = DemoCounty.HeadOf(n),
                    MemberCount = random.Next(1, 7),
                    PovertyRegistered = DemoCounty.PovertyRegistered.Contains(n),
                    Monitored = DemoCounty.Monitored.Contains(n),
                    HasMemberOver70 = DemoCounty.OverSeventy.Contains(n),
                }),
            },
        }, cancellationToken: ct);
        Figures.Households = registered.Households.Count;
        foreach (var (id, name, role, household) in DemoCounty.Panel)
        {
            await panels.SetPanelMemberAsync(new SetPanelMemberRequest
            {
                IdempotencyKey = Key("panel-" + id), VillageCode = DemoCounty.Village, Actor = "王建国",
                Member = new PanelMember { MemberId = id, Name = name, Role = role, HouseholdNumber = household },
            }, cancellationToken: ct);
        }

        await panels.SetPanelSettingsAsync(new SetPanelSettingsRequest
        {
            IdempotencyKey = Key("panel-settings"), VillageCode = DemoCounty.Village, Quorum = 0, NoticeDays = NoticeDays, Actor = "王建国",
        }, cancellationToken: ct);
    }

    /// <summary>One month's conduct, proposed one by one at the panel's evening meeting and approved there.</summary>
    private async Task ProposeMonthAsync(DateTimeOffset month, CancellationToken ct)
    {
        foreach (var (household, rule, note, evidence) in Conduct(month))
        {
            await ProposeAndApproveAsync(Period(month), household, rule, note, evidence, ct);
        }
    }

    /// <summary>The third month on the monthly sheet: submitted as one, approved by each member in turn.</summary>
    private async Task SubmitSheetAsync(DateTimeOffset month, CancellationToken ct)
    {
        var sheet = await awards.SubmitSheetAsync(new SubmitSheetRequest
        {
            IdempotencyKey = Key("sheet-" + Period(month)), VillageCode = DemoCounty.Village, Period = Period(month), SubmittedBy = "M1",
            Lines =
            {
                Conduct(month).Select(c => new SheetLine { HouseholdNumber = c.Household, RuleCode = c.Rule, Note = c.Note, EvidenceRef = c.Evidence }),
            },
        }, cancellationToken: ct);
        // Every member but M1, who submitted it and may not also approve it.
        foreach (var (id, _, _, _) in DemoCounty.Panel.Where(m => m.Id != "M1"))
        {
            await awards.ApproveSheetAsync(new ApproveSheetRequest { IdempotencyKey = Key($"sheet-{sheet.Id}-{id}"), SheetId = sheet.Id, MemberId = id },
                cancellationToken: ct);
        }

        var approved = await awards.GetSheetAsync(new GetSheetRequest { SheetId = sheet.Id }, cancellationToken: ct);
        if (approved.OnNotice != approved.LineCount)
        {
            throw new InvalidOperationException($"The sheet of {Period(month)} has {approved.OnNotice} of {approved.LineCount} lines on notice after every other member approved.");
        }
    }

    /// <summary>This month so far: a few proposals approved today, standing on the notice board.</summary>
    private async Task ProposeTodayAsync(CancellationToken ct)
    {
        // The service's current month; rules without a monthly cap, which last month's sheet may have used.
        var period = string.Empty;
        (string Household, string Rule, string Note, string Evidence)[] conduct =
        [
            ("005", "DISASTER-DUTY", "参加冬季森林防火巡查", ""),
            ("021", "SIMPLE-CEREMONY", "丧事简办，不摆流水席", ""),
            ("028", "DISASTER-DUTY", "雪后清扫村道、撒盐除冰", ""),
        ];
        foreach (var (household, rule, note, evidence) in conduct)
        {
            await ProposeAndApproveAsync(period, household, rule, note, evidence, ct);
        }

        Figures.OnNotice = (await awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = DemoCounty.Village }, cancellationToken: ct)).OnNotice.Count;
    }

    private async Task ProposeAndApproveAsync(string period, string household, string rule, string note, string evidence, CancellationToken ct)
    {
        var n = ++proposalCount;
        var voters = DemoCounty.Panel.Where(m => m.Household != household).Select(m => m.Id).ToList();
        var proposer = voters[random.Next(voters.Count)];
        var proposal = await awards.ProposeAsync(new ProposeRequest
        {
            IdempotencyKey = Key($"proposal-{n}"), VillageCode = DemoCounty.Village, HouseholdNumber = household, RuleCode = rule,
            Note = note, EvidenceRef = evidence, ProposedBy = proposer, Period = period,
        }, cancellationToken: ct);
        // The proposer does not approve his or her own proposal (the village's panel rules).
        foreach (var member in voters.Where(v => v != proposer))
        {
            if (proposal.Status == ProposalStatus.OnNotice)
            {
                break;
            }

            proposal = await awards.ApproveAsync(new ApproveRequest { IdempotencyKey = Key($"approve-{n}-{member}"), ProposalId = proposal.Id, MemberId = member },
                cancellationToken: ct);
        }

        if (proposal.Status != ProposalStatus.OnNotice)
        {
            throw new InvalidOperationException($"Proposal {proposal.Id} for household {household} is {proposal.Status} after the whole panel approved.");
        }
    }

    private async Task PostDueAsync(CancellationToken ct)
    {
        var posted = await awards.PostDueAsync(new PostDueRequest { VillageCode = DemoCounty.Village }, cancellationToken: ct);
        Figures.Posted += posted.Posted;
    }

    /// <summary>What the panel scored in a month, drawn with the demo's fixed seed.</summary>
    private List<(string Household, string Rule, string Note, string Evidence)> Conduct(DateTimeOffset month)
    {
        var index = (month.Year * 12) + month.Month;
        var all = DemoCounty.Numbers.ToList();
        List<(string, string, string, string)> conduct = [];
        foreach (var household in all.Where(_ => random.NextDouble() < 0.6))
        {
            conduct.Add((household, "TIDY-HOME", "六净六有检查合格", ""));
        }

        var pick = all.OrderBy(_ => random.Next()).ToList();
        switch (index % 3)
        {
            case 0:
                conduct.AddRange(pick.Take(8).Select(h => (h, "DISASTER-DUTY", "参加汛期巡堤值守", "")));
                conduct.Add((pick[8], "INCOME-ENTERPRISE", "开办农家乐，带动两户就业", "营业执照照片 QS-2024-117"));
                conduct.Add((pick[9], "DAMAGED-ENVIRONMENT", "秸秆露天焚烧", ""));
                break;
            case 1:
                conduct.AddRange(pick.Take(2).Select(h => (h, "SIMPLE-CEREMONY", "婚事简办，未收彩礼", "")));
                conduct.Add((pick[2], "MODEL-TITLE", "评为本年度“好婆婆”", "村民代表大会纪要 第3号"));
                conduct.Add((pick[3], "MODEL-TITLE", "评为本年度“最美家庭”", "村民代表大会纪要 第3号"));
                conduct.Add((pick[4], "FIGHTING", "因地界纠纷与邻居动手", ""));
                conduct.Add((pick[5], "DAMAGED-ENVIRONMENT", "向河道倾倒建筑垃圾", ""));
                break;
            default:
                conduct.AddRange(pick.Take(5).Select(h => (h, "DISASTER-DUTY", "参加秋收防火值班", "")));
                conduct.Add((pick[5], "SIMPLE-CEREMONY", "丧事简办", ""));
                conduct.Add((pick[6], "DAMAGED-ENVIRONMENT", "乱扔农药瓶", ""));
                break;
        }

        return conduct;
    }

    private async Task VerifyJournalAsync(CancellationToken ct)
    {
        await journal.SealJournalAsync(new SealJournalRequest { VillageCode = DemoCounty.Village }, cancellationToken: ct);
        Figures.Totals = await ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = DemoCounty.Village }, cancellationToken: ct);
        var result = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = DemoCounty.Village }, cancellationToken: ct);
        Figures.JournalIntact = result.Intact;
        Figures.Journal.Add($"{result.VillageCode}: {(result.Intact ? "INTACT" : "BROKEN")} — {result.Finding}");
        Figures.Journal.Add($"  {result.EntriesChecked} chained entries checked ({result.EntriesUnsealed} not yet sealed), "
            + $"{result.HouseholdsChecked} balances recomputed, chain of {result.ChainLength}, head {result.HeadHash[..Math.Min(12, result.HeadHash.Length)]}…");
    }
}
