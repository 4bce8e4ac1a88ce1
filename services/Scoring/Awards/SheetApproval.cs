namespace Platform.Scoring.Awards;

/// <summary>A panel member approved a whole sheet (every line not for his or her household).</summary>
internal sealed class SheetApproval
{
    public long SheetId { get; set; }

    public required string MemberId { get; set; }

    public DateTime At { get; set; }
}
