namespace Platform.Contracts.Events;

/// <summary>A supermarket received donated goods.</summary>
public sealed record DonationReceived(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string SupermarketCode,
    long LotId,
    string Sku,
    long Quantity,
    string DonorName,
    string DonorKind,
    long ValueFen) : IIntegrationEvent;
