using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Cooperatives;
using Platform.Dividends.Distributions;
using Platform.Dividends.Members;
using Platform.Dividends.Payouts;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Dividends.Data;

/// <summary>Dividends' own database. Only Dividends reads or writes these tables.</summary>
internal partial class DividendsDb(DbContextOptions options) : DbContext(options), IOutboxDbContext, IAuditDbContext
{
    public DbSet<Cooperative> Cooperatives => Set<Cooperative>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<Holding> Holdings => Set<Holding>();

    public DbSet<PatronageRecord> Patronage => Set<PatronageRecord>();

    public DbSet<PolicyVersion> Policies => Set<PolicyVersion>();

    public DbSet<Distribution> Distributions => Set<Distribution>();

    public DbSet<AllocationLine> AllocationLines => Set<AllocationLine>();

    public DbSet<Objection> Objections => Set<Objection>();

    public DbSet<Payout> Payouts => Set<Payout>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.Entity<Cooperative>(e =>
        {
            e.ToTable("cooperatives");
            e.HasKey(c => c.Code);
            e.Property(c => c.Code).HasMaxLength(32);
            e.Property(c => c.Name).HasMaxLength(100);
            e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(c => c.VillageCode).HasMaxLength(32);
        });
        modelBuilder.Entity<Member>(e =>
        {
            e.ToTable("members");
            e.HasKey(m => m.Id);
            e.Property(m => m.CooperativeCode).HasMaxLength(32);
            e.Property(m => m.VillageCode).HasMaxLength(32);
            e.Property(m => m.HouseholdNumber).HasMaxLength(32);
            e.Property(m => m.HeadName).HasMaxLength(100);
            e.HasIndex(m => new { m.CooperativeCode, m.VillageCode, m.HouseholdNumber }).IsUnique();
        });
        modelBuilder.Entity<Holding>(e =>
        {
            e.ToTable("holdings");
            e.HasKey(h => h.Id);
            e.Property(h => h.CooperativeCode).HasMaxLength(32);
            e.Property(h => h.Class).HasConversion<string>().HasMaxLength(40);
            e.HasIndex(h => new { h.CooperativeCode, h.MemberId });
        });
        modelBuilder.Entity<PatronageRecord>(e =>
        {
            e.ToTable("patronage");
            e.HasKey(p => new { p.MemberId, p.PeriodFrom, p.PeriodTo });
            e.Property(p => p.CooperativeCode).HasMaxLength(32);
            e.HasIndex(p => p.CooperativeCode);
        });
        modelBuilder.Entity<PolicyVersion>(e =>
        {
            e.ToTable("policy_versions");
            e.HasKey(p => new { p.CooperativeCode, p.Version });
            e.Property(p => p.CooperativeCode).HasMaxLength(32);
        });
        modelBuilder.Entity<Distribution>(e =>
        {
            e.ToTable("distributions");
            e.HasKey(d => d.Id);
            e.Property(d => d.CooperativeCode).HasMaxLength(32);
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.BoardApprover).HasMaxLength(100);
            e.Property(d => d.SupervisoryApprover).HasMaxLength(100);
            e.Property(d => d.Revision).IsConcurrencyToken();
            e.HasIndex(d => d.CooperativeCode);
        });
        modelBuilder.Entity<AllocationLine>(e =>
        {
            e.ToTable("allocation_lines");
            e.HasKey(l => new { l.DistributionId, l.MemberId });
            e.HasIndex(l => l.MemberId);
        });
        modelBuilder.Entity<Objection>(e =>
        {
            e.ToTable("objections");
            e.HasKey(o => o.Id);
            e.Property(o => o.Text).HasMaxLength(500);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(o => o.Resolution).HasMaxLength(500);
            e.Property(o => o.ResolvedBy).HasMaxLength(100);
            e.HasIndex(o => o.DistributionId);
        });
        modelBuilder.Entity<Payout>(e =>
        {
            e.ToTable("payouts");
            e.HasKey(p => p.PayoutId);
            e.Property(p => p.PayoutId).HasMaxLength(64);
            e.Property(p => p.CooperativeCode).HasMaxLength(32);
            e.Property(p => p.Method).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(p => p.Account).HasMaxLength(64);
            e.Property(p => p.FailureReason).HasMaxLength(200);
            e.Property(p => p.Reference).HasMaxLength(100);
            e.HasIndex(p => new { p.DistributionId, p.MemberId }).IsUnique();
        });
        ConfigureIncome(modelBuilder);
        ConfigureBoard(modelBuilder);
    }

    // Each in its own file (DividendsDb.NAME.cs) beside the entities it configures.
    partial void ConfigureIncome(ModelBuilder modelBuilder);

    partial void ConfigureBoard(ModelBuilder modelBuilder);
}
