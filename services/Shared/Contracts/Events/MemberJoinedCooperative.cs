namespace Platform.Contracts.Events;

/// <summary>Dividends added a household to a cooperative: evidence of an income-earning enterprise.</summary>
public sealed record MemberJoinedCooperative(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string CooperativeCode,
    string VillageCode,
    string HouseholdNumber,
    long MemberId,
    DateOnly JoinedOn) : IIntegrationEvent;
