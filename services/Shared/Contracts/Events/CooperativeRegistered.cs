namespace Platform.Contracts.Events;

/// <summary>Dividends registered a cooperative.</summary>
public sealed record CooperativeRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string CooperativeCode,
    string Name,
    string Kind,
    string VillageCode) : IIntegrationEvent;
