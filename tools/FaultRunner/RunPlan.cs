namespace Platform.FaultRunner;

internal enum FaultKind
{
    KillScoringReplica,
    KillRedemptionReplica,
    KillDividends,
    KillPostgres,
    KillRabbitMq,
    FlushRedis,
    SlowLink,
}

/// <summary>One fault of the schedule: when (from the start of the load), what, which replica, how long it lasts.</summary>
internal sealed record Fault(TimeSpan At, FaultKind Kind, int Replica, TimeSpan Lasts, TimeSpan SlowDelay)
{
    public static string Label(FaultKind kind) => kind switch
    {
        FaultKind.KillScoringReplica => "kill-scoring",
        FaultKind.KillRedemptionReplica => "kill-redemption",
        FaultKind.KillDividends => "kill-dividends",
        FaultKind.KillPostgres => "kill-postgres",
        FaultKind.KillRabbitMq => "kill-rabbitmq",
        FaultKind.FlushRedis => "flush-redis",
        _ => "slow-link",
    };

    public override string ToString() => $"{At.TotalSeconds:0.0}s {Label(Kind)}" + Kind switch
    {
        FaultKind.KillScoringReplica or FaultKind.KillRedemptionReplica => $" #{Replica} down {Lasts.TotalSeconds:0.0}s",
        FaultKind.FlushRedis => string.Empty,
        FaultKind.SlowLink => $" {SlowDelay.TotalMilliseconds:0}ms/chunk for {Lasts.TotalSeconds:0.0}s",
        _ => $" down {Lasts.TotalSeconds:0.0}s",
    };
}

/// <summary>
/// Everything a run does that is not the platform's own timing, drawn from one seed: the
/// village sizes, the stock, the load mix, the fault schedule. The same seed gives the same plan;
/// each worker of the load draws from a <see cref="Random"/> seeded from it as well.
/// </summary>
internal sealed record RunPlan(
    int Seed,
    TimeSpan LoadFor,
    int HouseholdsPerVillage,
    int LateHouseholds,
    int Merges,
    IReadOnlyDictionary<string, long> Stock,
    int OpeningLines,
    double AbandonRate,
    double ReturnRate,
    int Holds,
    int Proposals,
    IReadOnlyList<Fault> Faults,
    DistributionPlan Distribution)
{
    public const int Villages = 2;
    public const int Counters = 16;

    public static readonly (string Sku, long Price)[] Items = [("RICE", 30), ("OIL", 20), ("ZONGZI", 15), ("SOAP", 7), ("EGGS", 11)];

    public string Village(int v) => $"FR{Seed}V{v + 1}";

    public string Describe() =>
        $"load {LoadFor.TotalSeconds:0} s, {HouseholdsPerVillage} households × {Villages} villages (+{LateHouseholds} late), " +
        $"stock {string.Join(" ", Stock.Select(s => $"{s.Key}:{s.Value}"))}, opening sheet lines {OpeningLines}, abandon {AbandonRate:P1}, " +
        $"returns {ReturnRate:P1}, holds {Holds}, proposals {Proposals}, merges {Merges}; distribution: {Distribution}; faults: {string.Join("; ", Faults)}";

    public static string Household(int n) => n.ToString("000", System.Globalization.CultureInfo.InvariantCulture);

    public static RunPlan From(int seed, TimeSpan? loadFor = null, int? faults = null)
    {
        var random = new Random(seed);
        // Every draw is made whatever is overridden, so an override changes only what it names.
        var drawnLoad = TimeSpan.FromSeconds(random.Next(40, 71));
        var load = loadFor ?? drawnLoad;
        var households = random.Next(100, 176);
        var stock = Items.ToDictionary(i => i.Sku, _ => (long)random.Next(40, 121));
        var drawnCount = random.Next(2, 5);
        var count = faults ?? drawnCount;
        var kinds = Enum.GetValues<FaultKind>();
        var schedule = new List<Fault>();
        for (var i = 0; i < count; i++)
        {
            var kind = kinds[random.Next(kinds.Length)];
            var at = TimeSpan.FromSeconds(5 + random.NextDouble() * Math.Max(1, load.TotalSeconds - 15));
            var lasts = TimeSpan.FromSeconds(kind == FaultKind.SlowLink ? random.Next(3, 11) : 1 + random.NextDouble() * 5);
            schedule.Add(new Fault(at, kind, random.Next(1, 3), lasts, TimeSpan.FromMilliseconds(random.Next(50, 1500))));
        }

        var late = random.Next(10, 41);
        var merges = random.Next(2, 7);
        var openingLines = random.Next(1, 3);
        var abandonRate = random.NextDouble() * 0.08;
        var returnRate = 0.03 + random.NextDouble() * 0.07;
        var holds = random.Next(20, 61);
        var proposals = random.Next(15, 41);
        // Drawn after everything else, so the rest of a seed's plan is what it was before the distribution was driven.
        var distribution = DistributionPlan.From(random, load, households);
        return new RunPlan(seed, load, households, late, merges, stock, openingLines, abandonRate, returnRate, holds, proposals,
            schedule.OrderBy(f => f.At).ToList(), distribution);
    }
}
