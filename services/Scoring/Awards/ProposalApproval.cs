namespace Platform.Scoring.Awards;

/// <summary>A panel member's approval of a proposal. Cleared when an objection returns it.</summary>
internal sealed class ProposalApproval
{
    public long ProposalId { get; set; }

    public required string MemberId { get; set; }

    public DateTime At { get; set; }
}
