namespace Platform.Contracts.Events;

/// <summary>Redemption registered a love supermarket serving the given villages.</summary>
public sealed record SupermarketRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SupermarketCode,
    string Name,
    IReadOnlyList<string> VillageCodes) : IIntegrationEvent;
