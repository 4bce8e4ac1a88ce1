namespace Platform.Dividends.Board;

/// <summary>One person's term on a cooperative's board or supervisory board.</summary>
internal sealed class RosterEntry
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public BoardBody Body { get; init; }

    public required string Name { get; init; }

    public bool Chair { get; init; }

    /// <summary>The member (household) the person belongs to, if any.</summary>
    public long? MemberId { get; init; }

    /// <summary>The sign-in subject of the person's account: the token that may sign as this entry.</summary>
    public required string Subject { get; init; }

    public DateOnly TermFrom { get; init; }

    public DateOnly? TermTo { get; set; }

    public DateTime RecordedAt { get; init; }

    public bool Covers(DateOnly day) => TermFrom <= day && (TermTo is null || day <= TermTo);
}
