namespace Platform.Contracts.Events;

/// <summary>Scoring registered a household (also a household created by a split).</summary>
public sealed record HouseholdRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VillageCode,
    string HouseholdNumber,
    string HeadName,
    int MemberCount,
    bool PovertyRegistered,
    bool Monitored,
    bool HasMemberOver70) : IIntegrationEvent;
