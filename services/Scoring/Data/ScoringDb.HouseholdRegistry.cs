using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Households;

namespace Platform.Scoring.Data;

/// <summary>Households' members, poverty status history and card numbers (issue 18).</summary>
internal partial class ScoringDb
{
    public DbSet<HouseholdMember> HouseholdMembers => Set<HouseholdMember>();

    public DbSet<PovertyStatusChange> PovertyStatusChanges => Set<PovertyStatusChange>();

    partial void ConfigureHouseholdRegistry(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Household>(e =>
        {
            e.Property(h => h.HeadPinyin).HasMaxLength(400);
            e.Property(h => h.HeadInitials).HasMaxLength(100);
            e.Property(h => h.CardNumber).HasMaxLength(32);
            // Two changes of one household at once: the second fails instead of undoing the first.
            e.Property(h => h.Version).HasDefaultValue(1L).IsConcurrencyToken();
            e.Property(h => h.PovertyStatus).HasDefaultValue(PovertyStatus.None);
            // A card opens one household of its village; a household without a card is left out.
            e.HasIndex(h => new { h.VillageCode, h.CardNumber }).IsUnique().HasFilter("card_number IS NOT NULL");
        });
        modelBuilder.Entity<HouseholdMember>(e =>
        {
            e.ToTable("household_members");
            e.HasIndex(m => m.HouseholdId);
            e.Property(m => m.VillageCode).HasMaxLength(32);
            e.Property(m => m.Name).HasMaxLength(HouseholdMember.MaxNameLength);
            e.Property(m => m.NamePinyin).HasMaxLength(400);
            e.Property(m => m.NameInitials).HasMaxLength(100);
            e.Property(m => m.IdCardNumber).HasMaxLength(18);
            e.Property(m => m.AddedBy).HasMaxLength(100);
            e.Property(m => m.RemovedBy).HasMaxLength(100);
            e.Property(m => m.RemovedReason).HasMaxLength(500);
            // One person is an active member of one household of the village; found by it exactly.
            e.HasIndex(m => new { m.VillageCode, m.IdCardNumber }).IsUnique()
                .HasFilter("id_card_number IS NOT NULL AND removed_at IS NULL");
        });
        modelBuilder.Entity<PovertyStatusChange>(e =>
        {
            e.ToTable("poverty_status_changes");
            e.HasIndex(c => new { c.HouseholdId, c.Id });
            e.Property(c => c.VillageCode).HasMaxLength(32);
            e.Property(c => c.RecordedBy).HasMaxLength(100);
            e.Property(c => c.Note).HasMaxLength(500);
        });
    }
}
