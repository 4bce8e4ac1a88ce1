using Platform.Dividends.Allocation;

namespace Platform.Dividends.Distributions;

/// <summary>One version of a cooperative's distribution policy; a change is a new version.</summary>
internal sealed class PolicyVersion
{
    public required string CooperativeCode { get; init; }

    public int Version { get; init; }

    public int ReserveBp { get; init; }

    public int WelfareBp { get; init; }

    public long? CapThresholdFen { get; init; }

    public int CapBp { get; init; }

    public int PreferredGuaranteeBp { get; init; }

    public int PatronageBp { get; init; }

    public int PopulationWeight { get; init; }

    public int FarmAgeWeight { get; init; }

    public int LandWeight { get; init; }

    public int CapitalWeight { get; init; }

    public int PreferredWeight { get; init; }

    public int CollectiveWeight { get; init; }

    public bool PreferredJoinsProRata { get; init; }

    public DateTime RecordedAt { get; init; }

    public AllocationPolicy ToPolicy() => new()
    {
        ReserveBp = ReserveBp,
        WelfareBp = WelfareBp,
        CapThresholdFen = CapThresholdFen,
        CapBp = CapBp,
        PreferredGuaranteeBp = PreferredGuaranteeBp,
        PatronageBp = PatronageBp,
        PreferredJoinsProRata = PreferredJoinsProRata,
        ClassWeights = new Dictionary<ShareClass, int>
        {
            [ShareClass.Population] = PopulationWeight,
            [ShareClass.FarmAge] = FarmAgeWeight,
            [ShareClass.Land] = LandWeight,
            [ShareClass.Capital] = CapitalWeight,
            [ShareClass.PovertyReliefPreferred] = PreferredWeight,
            [ShareClass.Collective] = CollectiveWeight,
        },
    };
}
