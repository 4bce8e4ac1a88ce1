namespace Platform.Dividends.Members;

/// <summary>A household that is a member of a cooperative; members from outside the village are allowed.</summary>
internal sealed class Member
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public required string VillageCode { get; init; }

    public required string HouseholdNumber { get; init; }

    public required string HeadName { get; init; }

    public DateOnly JoinedOn { get; init; }

    public DateTime RegisteredAt { get; init; }
}
