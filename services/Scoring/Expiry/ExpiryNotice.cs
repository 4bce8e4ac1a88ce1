namespace Platform.Scoring.Expiry;

/// <summary>The PointsExpiring event of a village's boundary went out: once per village and boundary.</summary>
internal sealed class ExpiryNotice
{
    public required string VillageCode { get; set; }

    public required string Boundary { get; set; }

    public int Households { get; set; }

    public long Points { get; set; }

    public DateTime SentAt { get; set; }
}
