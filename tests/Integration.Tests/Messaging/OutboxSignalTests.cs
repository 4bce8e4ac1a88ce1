using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging;
using Xunit;

namespace Platform.Integration.Tests.Messaging;

/// <summary>
/// The relay's wake-up on the real PostgreSQL: only a unit of work that wrote an event wakes it,
/// and only once that unit has committed. The signal is raised inside the commit (or the
/// SaveChanges), so it is looked at without waiting.
/// </summary>
public sealed class OutboxSignalTests : IAsyncLifetime
{
    private readonly OutboxSignal<NotesDb> signal = new();
    private string database = null!;

    public async Task InitializeAsync()
    {
        database = await Servers.CreateDatabaseAsync("signal");
        await using var db = NewDb();
        await db.Database.EnsureCreatedAsync();
        Woken();
    }

    public Task DisposeAsync() => Servers.DropDatabaseAsync(database);

    [Fact]
    public async Task A_save_that_writes_no_event_does_not_wake_the_relay()
    {
        await using var db = NewDb();
        db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "Wang Lei mended the well" });
        await db.SaveChangesAsync();
        Assert.False(Woken());

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "a second note" });
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"Notes\" SET \"Text\" = 'edited'");
            await transaction.CommitAsync();
        }

        Assert.False(Woken());
    }

    [Fact]
    public async Task A_save_that_writes_an_event_wakes_the_relay_when_it_completes()
    {
        await using var db = NewDb();
        var note = new Note { Id = Guid.NewGuid(), Text = "Liu Fang swept the lane" };
        db.Notes.Add(note);
        db.AddEvent(new NoteAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, note.Id));
        await db.SaveChangesAsync();
        Assert.True(Woken());

        // The event is saved; the next save of the same context writes none.
        note.Text = "Liu Fang swept the lane twice";
        await db.SaveChangesAsync();
        Assert.False(Woken());
    }

    [Fact]
    public async Task A_transaction_that_writes_an_event_wakes_the_relay_at_its_commit_not_before()
    {
        await using var db = NewDb();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var note = new Note { Id = Guid.NewGuid(), Text = "Zhou Min joined flood duty" };
        db.Notes.Add(note);
        db.AddEvent(new NoteAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, note.Id));
        await db.SaveChangesAsync();
        db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "a later change with no event" });
        await db.SaveChangesAsync();
        Assert.False(Woken());

        await transaction.CommitAsync();
        Assert.True(Woken());
    }

    [Fact]
    public async Task A_transaction_with_an_event_that_rolls_back_does_not_wake_the_relay()
    {
        await using var db = NewDb();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var note = new Note { Id = Guid.NewGuid(), Text = "rolled back" };
            db.Notes.Add(note);
            db.AddEvent(new NoteAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, note.Id));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.False(Woken());

        // Nor does one abandoned without a commit, nor does it leave a wake-up for the next.
        await using (var abandoned = await db.Database.BeginTransactionAsync())
        {
            db.AddEvent(new NoteAdded(Guid.NewGuid(), DateTimeOffset.UtcNow, Guid.NewGuid()));
            await db.SaveChangesAsync();
        }

        db.ChangeTracker.Clear();
        await using (var next = await db.Database.BeginTransactionAsync())
        {
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = "no event" });
            await db.SaveChangesAsync();
            await next.CommitAsync();
        }

        Assert.False(Woken());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task An_event_inserted_by_sql_of_its_own_wakes_the_relay_at_the_commit()
    {
        // As the month-end posting does: the events are built in the statement.
        await using var db = NewDb();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($$"""
            INSERT INTO outbox_messages (event_id, type, payload, occurred_at, attempts)
            VALUES ({{Guid.NewGuid()}}, 'NoteAdded', '{}', {{DateTime.UtcNow}}, 0)
            """);
        Assert.False(Woken());

        await transaction.CommitAsync();
        Assert.True(Woken());
    }

    private NotesDb NewDb() => new(new DbContextOptionsBuilder<NotesDb>()
        .UseNpgsql(Servers.ConnectionString(database))
        .AddInterceptors(signal)
        .Options);

    /// <summary>Whether the relay would wake now; takes the wake-up, as the relay does.</summary>
    private bool Woken() => signal.WaitAsync(TimeSpan.Zero, CancellationToken.None).GetAwaiter().GetResult();
}
