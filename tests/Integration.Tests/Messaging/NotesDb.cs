using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Integration.Tests.Messaging;

/// <summary>
/// A minimal service database for the outbox and inbox tests: a change (notes), the effects
/// a consumer applies, and the outbox and inbox exactly as the services map them.
/// </summary>
public sealed class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Effect> Effects => Set<Effect>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Note>().HasKey(n => n.Id);
        // The effect's key is its own, not the event id: only the inbox may stop a second effect.
        modelBuilder.Entity<Effect>().HasKey(e => e.Id);
    }
}

public sealed class Note
{
    public Guid Id { get; set; }

    public required string Text { get; set; }
}

public sealed class Effect
{
    public long Id { get; set; }

    public Guid NoteId { get; set; }
}
