using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Awards;
using Platform.Scoring.Panels;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Text;

namespace Platform.Scoring.Data;

/// <summary>
/// Issue 18's model: the panel's composition rules (minimum approvals per role, the village's two
/// flags, a member's ID number) and the household behind a villager's own objection.
/// </summary>
internal partial class ScoringDb
{
    public DbSet<PanelRoleMinimum> PanelRoleMinimums => Set<PanelRoleMinimum>();

    partial void ConfigurePanelRules(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PanelRoleMinimum>(e =>
        {
            e.ToTable("panel_role_minimums");
            e.HasKey(m => new { m.VillageCode, m.Role });
            e.Property(m => m.VillageCode).HasMaxLength(32);
        });
        // Households objecting in their own name (issue 18, part 4).
        modelBuilder.Entity<ProposalObjection>(e => e.Property(o => o.HouseholdId));
        modelBuilder.Entity<PanelMember>(e => e.Property(m => m.IdCardNumber).HasMaxLength(IdCardNumber.Length));
        // Columns added with false, so villages registered before these rules keep their behaviour;
        // a village registered since keeps the proposer from approving (Village.SeparateProposer).
        modelBuilder.Entity<Village>(e =>
        {
            e.Property(v => v.FirstSecretaryRequired);
            e.Property(v => v.SeparateProposer);
        });
    }
}
