namespace Platform.Scoring.Awards;

/// <summary>An objection lodged while a proposal stood on the public notice.</summary>
internal sealed class ProposalObjection
{
    public long Id { get; set; }

    public long ProposalId { get; set; }

    public required string By { get; set; }

    public required string Reason { get; set; }

    public DateTime At { get; set; }

    /// <summary>The household that objected in its own name (ObjectAsHousehold); null for a name typed by staff.</summary>
    public long? HouseholdId { get; set; }
}
