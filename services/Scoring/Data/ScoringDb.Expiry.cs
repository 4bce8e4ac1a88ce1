using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Expiry;
using Platform.Scoring.Ledger;

namespace Platform.Scoring.Data;

/// <summary>Points expiry (decision 0014): policies, expired boundaries, notices sent, and accounts' expired total.</summary>
internal partial class ScoringDb
{
    public DbSet<VillageExpiryPolicy> ExpiryPolicies => Set<VillageExpiryPolicy>();

    public DbSet<ExpiredBoundary> ExpiredBoundaries => Set<ExpiredBoundary>();

    public DbSet<ExpiryNotice> ExpiryNotices => Set<ExpiryNotice>();

    partial void ConfigureExpiry(ModelBuilder modelBuilder)
    {
        // The seeding SQL of tools and tests inserts accounts without this column: the database
        // fills it. No new index on ledger_entries: expiry reads a village's entries by
        // (village_code, period), which exists, and every index costs each posting.
        modelBuilder.Entity<Account>().Property(a => a.Expired).HasDefaultValue(0L).ValueGeneratedNever();
        modelBuilder.Entity<VillageExpiryPolicy>(e =>
        {
            e.ToTable("expiry_policies");
            e.HasKey(p => p.VillageCode);
            e.Property(p => p.VillageCode).HasMaxLength(32);
            e.Property(p => p.SetBy).HasMaxLength(100);
        });
        modelBuilder.Entity<ExpiredBoundary>(e =>
        {
            e.ToTable("expired_boundaries");
            e.HasKey(b => new { b.VillageCode, b.Boundary });
            e.Property(b => b.VillageCode).HasMaxLength(32);
            e.Property(b => b.Boundary).HasMaxLength(7);
            e.Property(b => b.CutPeriod).HasMaxLength(7);
            e.Property(b => b.RunBy).HasMaxLength(100);
        });
        modelBuilder.Entity<ExpiryNotice>(e =>
        {
            e.ToTable("expiry_notices");
            e.HasKey(n => new { n.VillageCode, n.Boundary });
            e.Property(n => n.VillageCode).HasMaxLength(32);
            e.Property(n => n.Boundary).HasMaxLength(7);
        });
    }
}
