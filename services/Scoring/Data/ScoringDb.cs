using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Data;

/// <summary>Scoring's own database. Only Scoring reads or writes these tables.</summary>
public class ScoringDb(DbContextOptions options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Village> Villages => Set<Village>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Village>(e =>
        {
            e.ToTable("villages");
            e.HasKey(v => v.Code);
            e.Property(v => v.Code).HasMaxLength(Village.MaxCodeLength);
            e.Property(v => v.Name).HasMaxLength(Village.MaxNameLength);
            e.Property(v => v.Township).HasMaxLength(Village.MaxNameLength);
            e.Property(v => v.County).HasMaxLength(Village.MaxNameLength);
            e.HasIndex(v => v.County);
        });
    }
}
