using System.Text.Json;
using Platform.Contracts.Events;

namespace Platform.ServiceDefaults.Messaging;

public static class OutboxExtensions
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>"Namespace.Type, Assembly": enough for the relay to find the type again.</summary>
    public static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>An event as the outbox stores it, for writers that insert outbox rows in SQL of their own.</summary>
    public static string Payload<TEvent>(TEvent evt)
        where TEvent : class, IIntegrationEvent => JsonSerializer.Serialize(evt, Json);

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
            Payload = Payload(evt),
            OccurredAt = evt.OccurredAt.UtcDateTime,
        });
    }
}
