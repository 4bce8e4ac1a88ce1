using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing;
using Xunit;

namespace Platform.Integration.Tests.Messaging;

/// <summary>The outbox and inbox on the real PostgreSQL and RabbitMQ.</summary>
public sealed class OutboxAndInboxTests(MessagingFixture fixture) : IClassFixture<MessagingFixture>
{
    private OutboxRelay<NotesDb> NewRelay() => fixture.Services.GetRequiredService<OutboxRelay<NotesDb>>();

    private static NoteAdded EventFor(Guid noteId) => new(Guid.NewGuid(), DateTimeOffset.UtcNow, noteId);

    private Task SaveNoteWithEvent(Note note, NoteAdded evt) => fixture.InScopeAsync(async db =>
    {
        db.Notes.Add(note);
        db.AddEvent(evt);
        return await db.SaveChangesAsync();
    });

    private Task<int> Effects(Guid noteId) => fixture.InScopeAsync(db => db.Effects.CountAsync(e => e.NoteId == noteId));

    private Task<OutboxMessage?> OutboxRow(Guid eventId) =>
        fixture.InScopeAsync(db => db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.EventId == eventId));

    private async Task DrainAsync()
    {
        while (await NewRelay().PublishBatchAsync(CancellationToken.None) > 0)
        {
        }
    }

    [Fact]
    public async Task A_change_and_its_event_commit_together_or_not_at_all()
    {
        var note = new Note { Id = Guid.NewGuid(), Text = "Liu Fang swept the lane" };
        var committed = EventFor(note.Id);
        await SaveNoteWithEvent(note, committed);

        // A second unit of work whose change fails (the note id is taken) takes its event down with it.
        var failed = EventFor(note.Id);
        await Assert.ThrowsAsync<DbUpdateException>(() =>
            SaveNoteWithEvent(new Note { Id = note.Id, Text = "duplicate" }, failed));

        Assert.NotNull(await OutboxRow(committed.EventId));
        Assert.Null(await OutboxRow(failed.EventId));
        Assert.Equal(1, await fixture.InScopeAsync(db => db.Notes.CountAsync(n => n.Id == note.Id)));

        await DrainAsync();
        await Poller.UntilAsync(() => fixture.Deliveries.Applied(committed.EventId) == 1, "the committed event is consumed");
        Assert.NotNull((await OutboxRow(committed.EventId))!.SentAt);
        Assert.Equal(0, fixture.Deliveries.Count(failed.EventId));
        Assert.Equal(1, await Effects(note.Id));
    }

    [Fact]
    public async Task An_event_is_delivered_when_the_relay_dies_between_publishing_and_marking()
    {
        var note = new Note { Id = Guid.NewGuid(), Text = "Zhou Min joined flood duty" };
        var evt = EventFor(note.Id);
        await SaveNoteWithEvent(note, evt);

        await Assert.ThrowsAsync<RelayDied>(() =>
            NewRelay().PublishBatchAsync(CancellationToken.None, () => throw new RelayDied()));

        await Poller.UntilAsync(() => fixture.Deliveries.Count(evt.EventId) == 1, "the broker delivers the first publication");
        Assert.Null((await OutboxRow(evt.EventId))!.SentAt);

        // The next relay finds the row unsent and publishes it again: a duplicate the inbox absorbs.
        await DrainAsync();
        await Poller.UntilAsync(() => fixture.Deliveries.Count(evt.EventId) == 2, "the broker delivers the republication");
        Assert.Equal(1, fixture.Deliveries.Applied(evt.EventId));
        Assert.Equal(1, await Effects(note.Id));
        Assert.NotNull((await OutboxRow(evt.EventId))!.SentAt);
        Assert.Equal(1, await fixture.InScopeAsync(db => db.InboxMessages.CountAsync(m => m.MessageId == evt.EventId)));
    }

    [Fact]
    public async Task A_redelivered_message_changes_nothing_the_second_time()
    {
        var noteId = Guid.NewGuid();
        var evt = EventFor(noteId);
        var bus = fixture.Services.GetRequiredService<IBus>();

        await bus.Publish(evt, c => c.MessageId = evt.EventId);
        await Poller.UntilAsync(() => fixture.Deliveries.Count(evt.EventId) == 1, "the first delivery");
        await bus.Publish(evt, c => c.MessageId = evt.EventId);
        await Poller.UntilAsync(() => fixture.Deliveries.Count(evt.EventId) == 2, "the redelivery");

        Assert.Equal(1, fixture.Deliveries.Applied(evt.EventId));
        Assert.Equal(1, await Effects(noteId));
    }

    [Fact]
    public async Task Two_relays_running_at_once_publish_each_event_once()
    {
        var events = Enumerable.Range(0, 300).Select(_ => EventFor(Guid.NewGuid())).ToList();
        await fixture.InScopeAsync(async db =>
        {
            foreach (var evt in events)
            {
                db.Notes.Add(new Note { Id = evt.NoteId, Text = "monthly sheet line" });
                db.AddEvent(evt);
            }

            return await db.SaveChangesAsync();
        });

        // Both claim at the same moment; SKIP LOCKED gives them disjoint rows.
        var published = await Task.WhenAll(
            NewRelay().PublishBatchAsync(CancellationToken.None),
            NewRelay().PublishBatchAsync(CancellationToken.None));
        await DrainAsync();

        Assert.True(published.All(p => p > 0), $"both relays should have published a share, got {string.Join(", ", published)}");
        await Poller.UntilAsync(() => events.All(e => fixture.Deliveries.Count(e.EventId) >= 1), "all 300 events are consumed");
        Assert.All(events, e => Assert.Equal(1, fixture.Deliveries.Count(e.EventId)));
        Assert.Equal(0, await fixture.InScopeAsync(db =>
            db.OutboxMessages.CountAsync(m => m.SentAt == null && m.Type.Contains(nameof(NoteAdded)))));
    }

    [Fact]
    public async Task A_row_that_cannot_be_published_is_kept_and_retried_later_with_back_off()
    {
        var eventId = Guid.NewGuid();
        await fixture.InScopeAsync(async db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                EventId = eventId,
                Type = "Platform.Nowhere.Missing, Platform.Nowhere",
                Payload = "{}",
                OccurredAt = DateTime.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

        var before = DateTime.UtcNow;
        await NewRelay().PublishBatchAsync(CancellationToken.None);
        var row = (await OutboxRow(eventId))!;
        Assert.Null(row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.True(row.NextAttemptAt > before, "the next attempt waits");
        Assert.False(string.IsNullOrEmpty(row.LastError));

        // Not due yet: a second pass leaves it alone.
        await NewRelay().PublishBatchAsync(CancellationToken.None);
        Assert.Equal(1, (await OutboxRow(eventId))!.Attempts);

        await fixture.InScopeAsync(db => db.OutboxMessages.Where(m => m.EventId == eventId).ExecuteDeleteAsync());
    }

    private sealed class RelayDied : Exception;
}
