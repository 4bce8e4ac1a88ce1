using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>A service database that carries the outbox and inbox tables.</summary>
public interface IOutboxDbContext
{
    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<InboxMessage> InboxMessages { get; }
}
