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

    private async Task ApproveDistributionAsync(CancellationToken ct)
    {
        var approved = await distributions.ApproveDistributionAsync(new ApproveDistributionRequest
        {
            IdempotencyKey = Key("distribution-approval"), DistributionId = Figures.DistributionId,
            BoardApprover = "王建国（理事长）", SupervisoryApprover = "赵德明（监事长）",
        }, cancellationToken: ct);
        Figures.AllocatedFen = approved.AllocatedFen;
    }

    private async Task PublishDistributionAsync(CancellationToken ct) =>
        await distributions.PublishDistributionAsync(new PublishDistributionRequest
        {
            IdempotencyKey = Key("distribution-notice"), DistributionId = Figures.DistributionId, NoticeDays = 7,
        }, cancellationToken: ct);

    /// <summary>After the notice: one bank transfer per member, and the bank's reference recorded.</summary>
    private async Task PayDistributionAsync(CancellationToken ct)
    {
        var distribution = await distributions.GetDistributionAsync(new GetDistributionRequest { DistributionId = Figures.DistributionId }, cancellationToken: ct);
        var paidOn = clock.GetUtcNow().ToOffset(ChinaTime).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var allocation in distribution.Allocations.Where(a => a.TotalFen > 0))
        {
            var payoutId = $"QS-DIV-{Figures.DistributionId}-{allocation.MemberId}";
            await payouts.CreatePayoutAsync(new CreatePayoutRequest
            {
                PayoutId = payoutId, DistributionId = Figures.DistributionId, MemberId = allocation.MemberId,
                Method = PayoutMethod.BankTransfer, Account = $"623052032410{random.Next(1_000_000, 10_000_000)}",
            }, cancellationToken: ct);
            await payouts.RecordPayoutOutcomeAsync(new RecordPayoutOutcomeRequest
            {
                IdempotencyKey = Key("paid-" + payoutId), PayoutId = payoutId, Paid = true,
                Note = $"农商行批量代发 {paidOn}-{allocation.MemberId:0000}",
            }, cancellationToken: ct);
            Figures.PayoutsPaid++;
        }
    }
}
