using System.Text.Json;
using Platform.Contracts.Events;

namespace Platform.ServiceDefaults.Messaging;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an event to the outbox of this unit of work. It is saved by the same
    /// SaveChanges, inside the same transaction, as the change it describes.
    /// </summary>
    public static void AddEvent<TEvent>(this IOutboxDbContext db, TEvent evt)
        where TEvent : class, IIntegrationEvent
    {
        db.OutboxMessages.Add(new OutboxMessage
        {
            EventId = evt.EventId,
            Type = typeof(TEvent).FullName!,
            Payload = JsonSerializer.Serialize(evt, Json),
            OccurredAt = evt.OccurredAt.UtcDateTime,
        });
    }
}
