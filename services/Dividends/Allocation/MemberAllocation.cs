namespace Platform.Dividends.Allocation;

/// <summary>One member's allocation by part, in fen.</summary>
internal sealed record MemberAllocation(long MemberId, long GuaranteedFen, long PatronageFen, long SharesFen)
{
    public long TotalFen => GuaranteedFen + PatronageFen + SharesFen;
}
