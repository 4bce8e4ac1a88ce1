using System.Text.Json;
using Platform.Contracts.Events;

namespace Platform.ServiceDefaults.Messaging;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>"Namespace.Type, Assembly": enough for the relay to find the type again.</summary>
    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

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
            Type = TypeName(typeof(TEvent)),
            Payload = JsonSerializer.Serialize(evt, Json),
            OccurredAt = evt.OccurredAt.UtcDateTime,
        });
    }
}
