namespace Platform.Contracts.Events;

/// <summary>Points held for a redemption were spent (hold id = the counter's order id).</summary>
public sealed record HoldCaptured(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string HoldId,
    string VillageCode,
    string HouseholdNumber,
    long Points,
    long EntryId) : IIntegrationEvent;
