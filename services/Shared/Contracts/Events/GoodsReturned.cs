namespace Platform.Contracts.Events;

/// <summary>Goods came back to a supermarket; their points were refunded by Scoring.</summary>
public sealed record GoodsReturned(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string ReturnId,
    string OrderId,
    string SupermarketCode,
    string VillageCode,
    string HouseholdNumber,
    long Points,
    IReadOnlyList<RedeemedLine> Lines) : IIntegrationEvent;
