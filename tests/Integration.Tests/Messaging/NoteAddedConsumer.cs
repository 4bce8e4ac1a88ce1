using MassTransit;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Integration.Tests.Messaging;

/// <summary>A consumer written as the services write theirs: its effect goes through the inbox.</summary>
public sealed class NoteAddedConsumer(NotesDb db, Deliveries deliveries, TimeProvider time) : IConsumer<NoteAdded>
{
    public async Task Consume(ConsumeContext<NoteAdded> context)
    {
        var applied = await db.HandleOnceAsync(context.Message.EventId, nameof(NoteAddedConsumer), ct =>
        {
            db.Effects.Add(new Effect { NoteId = context.Message.NoteId });
            return Task.CompletedTask;
        }, time, context.CancellationToken);
        deliveries.Record(context.Message.EventId, applied);
    }
}
