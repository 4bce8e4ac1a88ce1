namespace Platform.Scoring.Expiry;

/// <summary>
/// A boundary expired in a village: the row is the claim (primary key village and boundary), so
/// a boundary is expired once whoever runs it, the job or the office.
/// </summary>
internal sealed class ExpiredBoundary
{
    public required string VillageCode { get; set; }

    /// <summary>yyyy-MM: the month whose first instant (UTC) is the boundary.</summary>
    public required string Boundary { get; set; }

    /// <summary>yyyy-MM: points earned in this month and before expired.</summary>
    public required string CutPeriod { get; set; }

    public int Households { get; set; }

    public long Points { get; set; }

    public required string RunBy { get; set; }

    public DateTime RunAt { get; set; }
}
