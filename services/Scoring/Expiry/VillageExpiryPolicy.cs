namespace Platform.Scoring.Expiry;

/// <summary>A village's expiry policy. No row means no expiry.</summary>
internal sealed class VillageExpiryPolicy
{
    public required string VillageCode { get; set; }

    public ExpiryRuleKind Rule { get; set; }

    public int Months { get; set; }

    public int NoticeDays { get; set; }

    public required string SetBy { get; set; }

    /// <summary>Only boundaries after this instant expire anything.</summary>
    public DateTime SetAt { get; set; }
}
