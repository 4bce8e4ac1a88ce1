using Platform.Contracts.Dividends.V1;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>The worked example set up through the API: three poor households with preferred
/// capital at a 5% guarantee, three with one population share each, 100,000.00 yuan to distribute.</summary>
public static class WorkedExample
{
    public static async Task<(string Cooperative, long[] Members)> SetUpAsync(
        Api.Cooperatives.CooperativesClient cooperatives, Api.Members.MembersClient members, Api.Distributions.DistributionsClient distributions,
        string code = "COOP-TEA")
    {
        await cooperatives.RegisterCooperativeAsync(new RegisterCooperativeRequest
        {
            IdempotencyKey = $"{code}-register",
            Code = code,
            Name = "Hilltop Tea Shareholding Cooperative",
            Kind = CooperativeKind.VillageShareholding,
            VillageCode = "410522101201",
        });
        var ids = new List<long>();
        for (var i = 1; i <= 6; i++)
        {
            var member = await members.JoinCooperativeAsync(new JoinCooperativeRequest
            {
                IdempotencyKey = $"{code}-join-{i}",
                CooperativeCode = code,
                VillageCode = "410522101201",
                HouseholdNumber = $"H{i:000}",
                HeadName = $"Head of household {i}",
                JoinedOn = "2024-06-01",
            });
            ids.Add(member.MemberId);
            await members.RecordHoldingAsync(new RecordHoldingRequest
            {
                IdempotencyKey = $"{code}-holding-{i}",
                CooperativeCode = code,
                MemberId = member.MemberId,
                ShareClass = i <= 3 ? ShareClass.PovertyReliefPreferred : ShareClass.Population,
                Quantity = i <= 3 ? 5_000_000 : 1,
                EffectiveFrom = "2024-06-01",
            });
        }

        await distributions.SetPolicyAsync(new SetPolicyRequest
        {
            IdempotencyKey = $"{code}-policy",
            CooperativeCode = code,
            ReserveBp = 1_000,
            WelfareBp = 500,
            PreferredGuaranteeBp = 500,
            ClassWeights = { new ClassWeight { ShareClass = ShareClass.Population, Weight = 1 } },
        });
        return (code, ids.ToArray());
    }

    /// <summary>The example's draft, under the key given or one of its own.</summary>
    public static DraftDistributionRequest Draft(string code, string? key = null) => new()
    {
        IdempotencyKey = key ?? $"{code}-draft",
        CooperativeCode = code,
        PeriodFrom = "2025-01-01",
        PeriodTo = "2025-12-31",
        IncomeFen = 12_000_000,
        ExpensesFen = 2_000_000,
    };
}
