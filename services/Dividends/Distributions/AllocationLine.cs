namespace Platform.Dividends.Distributions;

/// <summary>A member's allocation in a distribution, by part, in fen.</summary>
internal sealed class AllocationLine
{
    public long DistributionId { get; init; }

    public long MemberId { get; init; }

    public long GuaranteedFen { get; init; }

    public long PatronageFen { get; init; }

    public long SharesFen { get; init; }

    public long TotalFen { get; init; }
}
