namespace Platform.Scoring.Awards;

/// <summary>A village's monthly scoring sheet: many proposals submitted and approved as one.</summary>
internal sealed class Sheet
{
    public long Id { get; set; }

    public required string VillageCode { get; set; }

    public required string Period { get; set; }

    public required string SubmittedBy { get; set; }

    public DateTime SubmittedAt { get; set; }

    public int LineCount { get; set; }
}
