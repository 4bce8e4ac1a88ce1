namespace Platform.Contracts.Events;

/// <summary>
/// What every integration event carries. The event id is assigned once, when the event is
/// written to the outbox, and stays the same on every republication, so a consumer's inbox
/// can recognise a duplicate.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    DateTimeOffset OccurredAt { get; }
}
