namespace Platform.Scoring.Households;

/// <summary>A household of a village, known by the number on its points card.</summary>
internal sealed class Household
{
    public long Id { get; set; }

    public required string VillageCode { get; set; }

    public required string Number { get; set; }

    public required string HeadName { get; set; }

    public int MemberCount { get; set; }

    public bool PovertyRegistered { get; set; }

    public bool Monitored { get; set; }

    public bool HasMemberOver70 { get; set; }

    public HouseholdStatus Status { get; set; } = HouseholdStatus.Active;

    public long? MergedIntoId { get; set; }

    public DateTime RegisteredAt { get; set; }

    public required string RegisteredBy { get; set; }
}
