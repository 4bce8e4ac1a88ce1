using Platform.Contracts.Events;

namespace Platform.Integration.Tests.Messaging;

/// <summary>The event of the outbox tests' stand-in change.</summary>
public sealed record NoteAdded(Guid EventId, DateTimeOffset OccurredAt, Guid NoteId) : IIntegrationEvent;
