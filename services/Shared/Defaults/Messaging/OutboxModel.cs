using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging;

public static class OutboxModel
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>
    /// Maps the outbox and inbox with fixed snake_case names, because the relay claims rows
    /// with hand-written SQL (FOR UPDATE SKIP LOCKED) on PostgreSQL.
    /// </summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable(OutboxTable);
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).HasColumnName("sequence").ValueGeneratedOnAdd();
            e.Property(x => x.EventId).HasColumnName("event_id");
            e.HasIndex(x => x.EventId).IsUnique();
            e.Property(x => x.Type).HasColumnName("type").HasMaxLength(300);
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.SentAt).HasColumnName("sent_at");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(x => x.LastError).HasColumnName("last_error").HasMaxLength(2000);
            // The relay only ever looks for unsent rows.
            e.HasIndex(x => new { x.SentAt, x.Sequence });
        });
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable(InboxTable);
            e.HasKey(x => new { x.MessageId, x.Consumer });
            e.Property(x => x.MessageId).HasColumnName("message_id");
            e.Property(x => x.Consumer).HasColumnName("consumer").HasMaxLength(200);
            e.Property(x => x.HandledAt).HasColumnName("handled_at");
        });
        return model;
    }
}
