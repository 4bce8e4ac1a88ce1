using Microsoft.EntityFrameworkCore;
using Platform.Redemption.GiftRuns;

namespace Platform.Redemption.Data;

/// <summary>Gift runs (issue 19, part 2): the runs and their households' shares.</summary>
internal partial class RedemptionDb
{
    public DbSet<GiftRun> GiftRuns => Set<GiftRun>();

    public DbSet<GiftShare> GiftShares => Set<GiftShare>();

    partial void ConfigureGiftRuns(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GiftRun>(e =>
        {
            e.ToTable("gift_runs", t =>
            {
                t.HasCheckConstraint("ck_gift_runs_quantity", "quantity_per_household > 0");
                t.HasCheckConstraint("ck_gift_runs_received", "households_received >= 0 AND households_received <= households");
            });
            e.Property(r => r.SupermarketCode).HasMaxLength(32);
            e.Property(r => r.Sku).HasMaxLength(32);
            e.Property(r => r.ItemName).HasMaxLength(100);
            e.Property(r => r.Unit).HasMaxLength(40);
            e.Property(r => r.Title).HasMaxLength(100);
            e.Property(r => r.CreatedBy).HasMaxLength(100);
            e.Property(r => r.ClosedBy).HasMaxLength(100);
            e.Property(r => r.CloseReason).HasMaxLength(400);
            e.HasIndex(r => new { r.SupermarketCode, r.Id });
        });
        modelBuilder.Entity<GiftShare>(e =>
        {
            // One share per household per run: the key is what "never twice" rests on, with the
            // conditional update that marks a share received only while it is not.
            e.ToTable("gift_shares");
            e.HasKey(s => new { s.RunId, s.VillageCode, s.HouseholdNumber });
            e.HasOne<GiftRun>().WithMany().HasForeignKey(s => s.RunId);
            e.Property(s => s.VillageCode).HasMaxLength(32);
            e.Property(s => s.HouseholdNumber).HasMaxLength(32);
            e.Property(s => s.HeadName).HasMaxLength(100);
            e.Property(s => s.CollectedBy).HasMaxLength(100);
            e.Property(s => s.HandedOutBy).HasMaxLength(100);
            e.Property(s => s.HandOutKey).HasMaxLength(100);
            e.Property(s => s.StockRequestId).HasMaxLength(100);
            e.HasIndex(s => s.StockRequestId).IsUnique();
            e.HasIndex(s => new { s.RunId, s.HandOutKey });
        });
    }
}
