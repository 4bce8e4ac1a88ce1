namespace Platform.Contracts.Events;

/// <summary>
/// A household as it stands after a change in Scoring (members, head, poverty status, card,
/// split, merge): the whole picture a copy needs, never an ID card number. Version goes up by
/// one with every change of the household, so a copy keeps the highest it has seen and ignores
/// an older event that arrives late. Member birth dates (of the active members, in no
/// particular order) let a copy tell on any day whether someone is over 70; empty while no
/// members are recorded, when HasMemberOver70 is the flag typed at registration.
/// </summary>
public sealed record HouseholdChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VillageCode,
    string HouseholdNumber,
    long Version,
    string Change,
    string HeadName,
    string? CardNumber,
    int MemberCount,
    string PovertyStatus,
    bool PovertyRegistered,
    bool Monitored,
    bool HasMemberOver70,
    IReadOnlyList<DateOnly> MemberBirthDates,
    bool Merged,
    string? MergedIntoHouseholdNumber) : IIntegrationEvent;
