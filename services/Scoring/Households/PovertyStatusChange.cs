namespace Platform.Scoring.Households;

/// <summary>One entry of a household's poverty status history: append-only.</summary>
internal sealed class PovertyStatusChange
{
    public long Id { get; set; }

    public long HouseholdId { get; set; }

    public required string VillageCode { get; set; }

    public PovertyStatus Status { get; set; }

    public DateOnly EffectiveOn { get; set; }

    public DateTime RecordedAt { get; set; }

    public required string RecordedBy { get; set; }

    public string Note { get; set; } = string.Empty;
}
