namespace Platform.Contracts.Events;

/// <summary>Points of a captured hold were given back for returned goods (request id = the return id).</summary>
public sealed record HoldRefunded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string HoldId,
    string VillageCode,
    string HouseholdNumber,
    long Points,
    string RequestId) : IIntegrationEvent;
