namespace Platform.Dividends.Allocation;

/// <summary>What the allocator needs to know of one member: its holdings and its trade in the period.</summary>
internal sealed record MemberInput(long MemberId, IReadOnlyList<HeldShares> Holdings, long PatronageFen);
