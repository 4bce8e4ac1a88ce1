using Platform.Dividends.Allocation;

namespace Platform.DividendsBenchmark;

/// <summary>A large shareholding cooperative with the mix of holdings seen in the field, from a fixed seed.</summary>
internal static class SyntheticCooperative
{
    public static readonly DateOnly From = new(2025, 1, 1);
    public static readonly DateOnly To = new(2025, 12, 31);

    public static readonly AllocationPolicy Policy = new()
    {
        ReserveBp = 1_000,
        WelfareBp = 500,
        CapThresholdFen = 10_000_000,
        CapBp = 8_000,
        PreferredGuaranteeBp = 500,
        PatronageBp = 6_000,
        ClassWeights = new Dictionary<ShareClass, int>
        {
            [ShareClass.Population] = 100, [ShareClass.FarmAge] = 10, [ShareClass.Land] = 3, [ShareClass.Capital] = 1, [ShareClass.Collective] = 100,
        },
    };

    // 300 million yuan of income against 180 million of costs: 120 million yuan to distribute.
    public static readonly DistributionFigures Figures = new(From, To, 30_000_000_000, 18_000_000_000, 0, 0);

    public static List<MemberInput> Members(int count, int seed = 20251231)
    {
        var random = new Random(seed);
        var members = new List<MemberInput>(count);
        for (var id = 1; id <= count; id++)
        {
            var holdings = new List<HeldShares>
            {
                new(ShareClass.Population, random.Next(1, 7), From, null),
                new(ShareClass.FarmAge, random.Next(0, 40), From, null),
                new(ShareClass.Land, random.Next(50, 1_500), From.AddDays(random.Next(0, 200)), null),
            };
            if (random.Next(10) == 0)
            {
                holdings.Add(new(ShareClass.PovertyReliefPreferred, 1_000_000 * random.Next(1, 6), From, null));
            }

            if (random.Next(4) == 0)
            {
                holdings.Add(new(ShareClass.Capital, 100 * random.Next(1_000, 100_000), From, To.AddDays(-random.Next(0, 180))));
            }

            members.Add(new MemberInput(id, holdings, random.Next(3) == 0 ? 0 : random.Next(0, 5_000_000)));
        }

        return members;
    }
}
