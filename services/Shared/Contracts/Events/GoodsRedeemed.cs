namespace Platform.Contracts.Events;

/// <summary>A redemption at a supermarket counter completed: points captured, stock consumed.</summary>
public sealed record GoodsRedeemed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string OrderId,
    string SupermarketCode,
    string CounterCode,
    string VillageCode,
    string HouseholdNumber,
    long Points,
    IReadOnlyList<RedeemedLine> Lines) : IIntegrationEvent;
