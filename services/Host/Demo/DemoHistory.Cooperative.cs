using Platform.Contracts.Dividends.V1;

namespace Platform.Host.Demo;

/// <summary>The cooperative: members, shares and trade, and last year's distribution paid.</summary>
internal sealed partial class DemoHistory
{
    private readonly Dictionary<string, long> memberIds = [];

    private string lastYear = string.Empty;

    private async Task RegisterCooperativeAsync(CancellationToken ct)
    {
        lastYear = (clock.GetUtcNow().ToOffset(ChinaTime).Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var founded = (int.Parse(lastYear, System.Globalization.CultureInfo.InvariantCulture) - 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await cooperatives.RegisterCooperativeAsync(new RegisterCooperativeRequest
        {
            IdempotencyKey = Key("cooperative"), Code = DemoCounty.Cooperative, Name = DemoCounty.CooperativeName,
            Kind = CooperativeKind.FarmersSpecialised, VillageCode = DemoCounty.Village,
        }, cancellationToken: ct);
        foreach (var household in DemoCounty.CooperativeMembers)
        {
            var joined = $"{founded}-03-{random.Next(1, 29):00}";
            var member = await members.JoinCooperativeAsync(new JoinCooperativeRequest
            {
                IdempotencyKey = Key("join-" + household), CooperativeCode = DemoCounty.Cooperative, VillageCode = DemoCounty.Village,
                HouseholdNumber = household, HeadName = DemoCounty.HeadOf(household), JoinedOn = joined,
            }, cancellationToken: ct);
            memberIds[household] = member.MemberId;
            await HoldAsync(member.MemberId, ShareClass.Population, random.Next(2, 6), joined, ct);
            // Land in hundredths of a mu: one to four mu put into the cooperative.
            await HoldAsync(member.MemberId, ShareClass.Land, random.Next(100, 401), joined, ct);
            if (DemoCounty.PovertyRegistered.Contains(household))
            {
                // Relief capital quantified to the household (扶贫资金量化入股), 5,000 yuan.
                await HoldAsync(member.MemberId, ShareClass.PovertyReliefPreferred, 500_000, joined, ct);
            }

            await members.RecordPatronageAsync(new RecordPatronageRequest
            {
                IdempotencyKey = Key("patronage-" + household), CooperativeCode = DemoCounty.Cooperative, MemberId = member.MemberId,
                PeriodFrom = lastYear + "-01-01", PeriodTo = lastYear + "-12-31", AmountFen = random.Next(300, 2_000) * 1_000L,
            }, cancellationToken: ct);
        }

        Figures.CooperativeMembers = memberIds.Count;
        await RosterAsync(founded, ct);
        await distributions.SetPolicyAsync(new SetPolicyRequest
        {
            IdempotencyKey = Key("policy"), CooperativeCode = DemoCounty.Cooperative, ReserveBp = 1_000, WelfareBp = 500,
            PreferredGuaranteeBp = 600, PatronageBp = 7_000,
            ClassWeights =
            {
                new ClassWeight { ShareClass = ShareClass.Population, Weight = 100 },
                new ClassWeight { ShareClass = ShareClass.Land, Weight = 1 },
            },
        }, cancellationToken: ct);
    }

    private async Task HoldAsync(long memberId, ShareClass shareClass, long quantity, string from, CancellationToken ct) =>
        await members.RecordHoldingAsync(new RecordHoldingRequest
        {
            IdempotencyKey = Key($"holding-{memberId}-{shareClass}"), CooperativeCode = DemoCounty.Cooperative, MemberId = memberId,
            ShareClass = shareClass, Quantity = quantity, EffectiveFrom = from,
        }, cancellationToken: ct);

    private async Task DraftDistributionAsync(CancellationToken ct)
    {
        var draft = await distributions.DraftDistributionAsync(new DraftDistributionRequest
        {
            IdempotencyKey = Key("distribution"), CooperativeCode = DemoCounty.Cooperative, PeriodFrom = lastYear + "-01-01",
            PeriodTo = lastYear + "-12-31", IncomeFen = 48_600_000, ExpensesFen = 39_150_000,
        }, cancellationToken: ct);
        Figures.DistributionId = draft.DistributionId;
    }

    /// <summary>The board's and the supervisory board's chairs, members themselves, each with an account of their own.</summary>
    private async Task RosterAsync(string founded, CancellationToken ct)
    {
        foreach (var (subject, body, household) in new[]
        {
            (DemoCounty.BoardChair, BoardBody.Board, "001"),
            (DemoCounty.SupervisoryChair, BoardBody.Supervisory, "012"),
        })
        {
            await board.AddBoardMemberAsync(new AddBoardMemberRequest
            {
                IdempotencyKey = Key("roster-" + subject), CooperativeCode = DemoCounty.Cooperative, Body = body, Name = DemoCounty.HeadOf(household),
                Chair = true, MemberId = memberIds[household], Subject = subject, TermFrom = founded + "-03-01",
            }, cancellationToken: ct);
        }
    }

    /// <summary>The members' assembly adopts the plan; then the two chairs sign the approval, each signed in as himself or herself.</summary>
    private async Task ApproveDistributionAsync(CancellationToken ct)
    {
        var today = clock.GetUtcNow().ToOffset(ChinaTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await board.RecordAssemblyAsync(new RecordAssemblyRequest
        {
            IdempotencyKey = Key("assembly"), CooperativeCode = DemoCounty.Cooperative, Kind = AssemblyKind.Members, HeldOn = today,
            ResolutionNumber = lastYear + "-1", ResolutionText = $"通过{lastYear}年度可分配盈余分配方案：按交易量返还60%，其余按股分配。",
            Attended = memberIds.Count - 1, Entitled = memberIds.Count,
        }, cancellationToken: ct);
        Distribution approved = null!;
        foreach (var signer in new[] { DemoCounty.BoardChair, DemoCounty.SupervisoryChair })
        {
            approved = await new Board.BoardClient(boardChannel(signer)).SignApprovalAsync(new SignApprovalRequest
            {
                IdempotencyKey = Key("approval-" + signer), DistributionId = Figures.DistributionId, Signer = signer,
            }, cancellationToken: ct);
        }

        Figures.AllocatedFen = approved.AllocatedFen;
    }

    private async Task PublishDistributionAsync(CancellationToken ct) =>
        await distributions.PublishDistributionAsync(new PublishDistributionRequest
        {
            IdempotencyKey = Key("distribution-notice"), DistributionId = Figures.DistributionId, NoticeDays = 7,
        }, cancellationToken: ct);

    /// <summary>
    /// After the notice: every member's bank details, all payouts in one call, the bank's file, and
    /// the bank's result file imported once.
    /// </summary>
    private async Task PayDistributionAsync(CancellationToken ct)
    {
        foreach (var (household, memberId) in memberIds)
        {
            await payouts.SetPaymentDetailsAsync(new SetPaymentDetailsRequest
            {
                IdempotencyKey = Key("payment-details-" + household), CooperativeCode = DemoCounty.Cooperative, MemberId = memberId,
                Method = PayoutMethod.BankTransfer, Account = $"623052032410{random.Next(1_000_000, 10_000_000)}",
                AccountHolder = DemoCounty.HeadOf(household), IdCardNumber = IdNumber(),
            }, cancellationToken: ct);
        }

        await payouts.CreatePayoutsAsync(new CreatePayoutsRequest { IdempotencyKey = Key("payouts"), DistributionId = Figures.DistributionId }, cancellationToken: ct);
        await payouts.ExportBankTransferFileAsync(new ExportBankTransferFileRequest { DistributionId = Figures.DistributionId }, cancellationToken: ct);
        var created = await payouts.ListPayoutsAsync(new ListPayoutsRequest { DistributionId = Figures.DistributionId }, cancellationToken: ct);
        var paidOn = clock.GetUtcNow().ToOffset(ChinaTime).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var result = new System.Text.StringBuilder("付款编号,金额,结果,流水号\n");
        foreach (var p in created.Payouts)
        {
            result.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{p.PayoutId},{p.AmountFen / 100}.{p.AmountFen % 100:00},成功,农商行批量代发 {paidOn}-{p.MemberId:0000}\n");
        }

        var imported = await payouts.ImportBankResultAsync(new ImportBankResultRequest
        {
            DistributionId = Figures.DistributionId, Csv = Google.Protobuf.ByteString.CopyFrom(System.Text.Encoding.UTF8.GetBytes(result.ToString())),
        }, cancellationToken: ct);
        Figures.PayoutsPaid = imported.Applied;
    }

    /// <summary>An invented but well-formed ID card number of the county (GB 11643).</summary>
    private string IdNumber()
    {
        var body = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"520324{random.Next(1950, 1991)}{random.Next(1, 13):00}{random.Next(1, 29):00}{random.Next(0, 1000):000}");
        return body + Platform.ServiceDefaults.Text.IdCardNumber.CheckCharacter(body);
    }
}
