namespace Platform.Scoring.Awards;

/// <summary>An award or deduction on its way through the panel and the public notice.</summary>
internal sealed class Proposal
{
    public long Id { get; set; }

    public required string VillageCode { get; set; }

    public long HouseholdId { get; set; }

    public required string RuleCode { get; set; }

    public int RuleVersion { get; set; }

    public long Points { get; set; }

    public required string Note { get; set; }

    public string? EvidenceRef { get; set; }

    public required string ProposedBy { get; set; }

    public DateTime ProposedAt { get; set; }

    public required string Period { get; set; }

    public ProposalStatus Status { get; set; }

    public DateTime? NoticeEndsAt { get; set; }

    public long? SheetId { get; set; }

    public required string RequestId { get; set; }
}
