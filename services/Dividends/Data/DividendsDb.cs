using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Cooperatives;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Dividends.Data;

/// <summary>Dividends' own database. Only Dividends reads or writes these tables.</summary>
public class DividendsDb(DbContextOptions options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Cooperative> Cooperatives => Set<Cooperative>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Cooperative>(e =>
        {
            e.ToTable("cooperatives");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(32);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(c => c.VillageCode).HasMaxLength(32);
        });
    }
}
