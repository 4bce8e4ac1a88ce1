using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Supermarkets;
using Platform.Redemption.Villages;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Data;

/// <summary>Redemption's own database. Only Redemption reads or writes these tables.</summary>
public class RedemptionDb(DbContextOptions options) : DbContext(options), IOutboxDbContext
{
    public DbSet<Supermarket> Supermarkets => Set<Supermarket>();

    public DbSet<SupermarketVillage> SupermarketVillages => Set<SupermarketVillage>();

    public DbSet<KnownVillage> KnownVillages => Set<KnownVillage>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.Entity<Supermarket>(e =>
        {
            e.ToTable("supermarkets");
            e.HasKey(s => s.Code);
            e.Property(s => s.Code).HasMaxLength(32);
            e.Property(s => s.Name).HasMaxLength(100);
            e.HasMany(s => s.Villages).WithOne().HasForeignKey(v => v.SupermarketCode);
        });
        modelBuilder.Entity<SupermarketVillage>(e =>
        {
            e.ToTable("supermarket_villages");
            e.HasKey(v => new { v.SupermarketCode, v.VillageCode });
            e.Property(v => v.VillageCode).HasMaxLength(32);
        });
        modelBuilder.Entity<KnownVillage>(e =>
        {
            e.ToTable("known_villages");
            e.HasKey(v => v.Code);
            e.Property(v => v.Code).HasMaxLength(32);
            e.Property(v => v.Name).HasMaxLength(100);
            e.Property(v => v.Township).HasMaxLength(100);
            e.Property(v => v.County).HasMaxLength(100);
        });
    }
}
