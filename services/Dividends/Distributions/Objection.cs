namespace Platform.Dividends.Distributions;

/// <summary>An objection lodged by a member during a distribution's public notice.</summary>
public sealed class Objection
{
    public long Id { get; init; }

    public long DistributionId { get; init; }

    public long MemberId { get; init; }

    public required string Text { get; init; }

    public DateTime LodgedAt { get; init; }
}
