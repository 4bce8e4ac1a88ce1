namespace Platform.Contracts.Events;

/// <summary>
/// Scoring registered a household (also a household created by a split): its version 1. The
/// card number and the members' birth dates (never their ID card numbers) are given when known;
/// events written before they existed lack them.
/// </summary>
public sealed record HouseholdRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VillageCode,
    string HouseholdNumber,
    string HeadName,
    int MemberCount,
    bool PovertyRegistered,
    bool Monitored,
    bool HasMemberOver70,
    string? CardNumber = null,
    IReadOnlyList<DateOnly>? MemberBirthDates = null) : IIntegrationEvent;
