using Platform.Contracts.Events;

namespace Platform.Integration.Tests.Messaging;

/// <summary>An event only the relay timeout test publishes, so it alone owns the event's exchange.</summary>
public sealed record NoteFlagged(Guid EventId, DateTimeOffset OccurredAt, Guid NoteId) : IIntegrationEvent;
