namespace Platform.Dividends.Distributions;

/// <summary>
/// An objection lodged by a member during a distribution's public notice. While it is open, the
/// distribution's payouts are held back; the cooperative's answer resolves it.
/// </summary>
internal sealed class Objection
{
    public long Id { get; init; }

    public long DistributionId { get; init; }

    public long MemberId { get; init; }

    public required string Text { get; init; }

    public DateTime LodgedAt { get; init; }

    public ObjectionStatus Status { get; set; } = ObjectionStatus.Open;

    /// <summary>What the cooperative answered the member.</summary>
    public string? Resolution { get; set; }

    public string? ResolvedBy { get; set; }

    public DateTime? ResolvedAt { get; set; }
}
