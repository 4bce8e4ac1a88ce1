namespace Platform.Contracts.Events;

/// <summary>Scoring registered a village.</summary>
public sealed record VillageRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VillageCode,
    string Name,
    string Township,
    string County) : IIntegrationEvent;
