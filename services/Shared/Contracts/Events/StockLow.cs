namespace Platform.Contracts.Events;

/// <summary>An item's stock fell below its low-stock threshold (published once per crossing).</summary>
public sealed record StockLow(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SupermarketCode,
    string Sku,
    string Name,
    long OnHand,
    int Threshold) : IIntegrationEvent;
