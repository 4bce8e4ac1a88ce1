using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Awards;
using Platform.Scoring.Households;
using Platform.Scoring.Ledger;
using Platform.Scoring.Panels;
using Platform.Scoring.Rules;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Data;

/// <summary>Scoring's own database. Only Scoring reads or writes these tables.</summary>
internal partial class ScoringDb(DbContextOptions options) : DbContext(options), IOutboxDbContext, IAuditDbContext
{
    public DbSet<Village> Villages => Set<Village>();

    public DbSet<Household> Households => Set<Household>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    public DbSet<Hold> Holds => Set<Hold>();

    public DbSet<Rule> Rules => Set<Rule>();

    public DbSet<PanelMember> PanelMembers => Set<PanelMember>();

    public DbSet<Proposal> Proposals => Set<Proposal>();

    public DbSet<NoticeBoardEntry> NoticeBoard => Set<NoticeBoardEntry>();

    public DbSet<ProposalApproval> ProposalApprovals => Set<ProposalApproval>();

    public DbSet<ProposalObjection> ProposalObjections => Set<ProposalObjection>();

    public DbSet<Sheet> Sheets => Set<Sheet>();

    public DbSet<SheetApproval> SheetApprovals => Set<SheetApproval>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<Journal.JournalHead> JournalHeads => Set<Journal.JournalHead>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    /// <summary>
    /// Every table, column, key and index is named in snake_case, so the hand-written set-based
    /// SQL reads the same on PostgreSQL and SQLite without quoting. Here rather than where the
    /// context is registered, so tools, tests and `dotnet ef` build the same model.
    /// </summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSnakeCaseNamingConvention(CultureInfo.InvariantCulture);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddAuditTrail();
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
        modelBuilder.Entity<Household>(e =>
        {
            e.ToTable("households");
            e.HasIndex(h => new { h.VillageCode, h.Number }).IsUnique();
            e.Property(h => h.VillageCode).HasMaxLength(32);
            e.Property(h => h.Number).HasMaxLength(32);
            e.Property(h => h.HeadName).HasMaxLength(100);
            e.Property(h => h.RegisteredBy).HasMaxLength(100);
        });
        modelBuilder.Entity<Account>(e =>
        {
            e.ToTable("accounts");
            e.HasKey(a => a.HouseholdId);
            e.Property(a => a.HouseholdId).ValueGeneratedNever();
            e.HasIndex(a => a.VillageCode);
            e.Property(a => a.VillageCode).HasMaxLength(32);
        });
        modelBuilder.Entity<LedgerEntry>(e =>
        {
            e.ToTable("ledger_entries");
            e.HasIndex(x => new { x.HouseholdId, x.Id });
            e.HasIndex(x => new { x.VillageCode, x.Period });
            // Cap counting reads a village's entries by (village, period). No index by rule: every
            // index costs each of a month-end's 350,000 entries a write (docs/benchmarks.md).
            // The next ones are partial: most entries (every capture at the counter) have no
            // reversed entry or proposal, and an entry left out of an index costs nothing
            // to insert. A search by a value (= x) implies IS NOT NULL, so each can still be used.
            // An entry can be reversed once: at most one entry names it.
            e.HasIndex(x => x.ReversesEntryId).IsUnique().HasFilter("reverses_entry_id IS NOT NULL");
            // A proposal is posted once; posting finds its entry by this.
            e.HasIndex(x => x.ProposalId).IsUnique().HasFilter("proposal_id IS NOT NULL");
            // The sealer looks only for entries not yet chained; verification walks a village's chain.
            e.HasIndex(x => new { x.VillageCode, x.Id }).HasFilter("hash IS NULL").HasDatabaseName("ix_ledger_entries_unsealed");
            e.HasIndex(x => new { x.VillageCode, x.ChainSeq }).IsUnique().HasFilter("chain_seq IS NOT NULL");
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.VillageCode).HasMaxLength(32);
            e.Property(x => x.RuleCode).HasMaxLength(32);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.RequestId).HasMaxLength(100);
            e.Property(x => x.Period).HasMaxLength(7);
            e.Property(x => x.HoldId).HasMaxLength(100);
        });
        modelBuilder.Entity<Hold>(e =>
        {
            e.ToTable("holds");
            e.Property(h => h.Id).HasMaxLength(100);
            // Only the expiry job searches holds by time, and only active ones (status = 1, written
            // as a literal in its SQL so the planner can use this index); an ended hold leaves it.
            e.HasIndex(h => h.ExpiresAt).HasFilter("status = 1");
            e.Property(h => h.VillageCode).HasMaxLength(32);
            e.Property(h => h.Actor).HasMaxLength(100);
            // The counter's hold (PostgresHolds) is one INSERT that leaves refunded to the
            // database; EF still writes the value itself, so it needs no read-back.
            e.Property(h => h.Refunded).HasDefaultValue(0L).ValueGeneratedNever();
        });
        modelBuilder.Entity<Rule>(e =>
        {
            e.ToTable("rules");
            e.HasKey(r => new { r.VillageCode, r.Code, r.Version });
            e.Property(r => r.VillageCode).HasMaxLength(32);
            e.Property(r => r.Code).HasMaxLength(32);
            e.Property(r => r.Name).HasMaxLength(100);
            e.Property(r => r.DefinedBy).HasMaxLength(100);
        });
        modelBuilder.Entity<PanelMember>(e =>
        {
            e.ToTable("panel_members");
            e.HasKey(m => new { m.VillageCode, m.MemberId });
            e.Property(m => m.VillageCode).HasMaxLength(32);
            e.Property(m => m.MemberId).HasMaxLength(32);
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.HouseholdNumber).HasMaxLength(32);
        });
        modelBuilder.Entity<Proposal>(e =>
        {
            e.ToTable("proposals");
            e.HasIndex(p => new { p.VillageCode, p.Status });
            e.HasIndex(p => new { p.HouseholdId, p.RuleCode, p.Period });
            e.HasIndex(p => p.SheetId);
            e.Property(p => p.VillageCode).HasMaxLength(32);
            e.Property(p => p.RuleCode).HasMaxLength(32);
            e.Property(p => p.Note).HasMaxLength(500);
            e.Property(p => p.EvidenceRef).HasMaxLength(500);
            e.Property(p => p.ProposedBy).HasMaxLength(32);
            e.Property(p => p.Period).HasMaxLength(7);
            e.Property(p => p.RequestId).HasMaxLength(100);
        });
        modelBuilder.Entity<NoticeBoardEntry>(e =>
        {
            // Small: only what is on notice now. Posting reads it by notice end, the board by village.
            e.ToTable("notice_board");
            e.HasKey(n => n.ProposalId);
            e.Property(n => n.ProposalId).ValueGeneratedNever();
            e.HasIndex(n => n.NoticeEndsAt);
            e.HasIndex(n => new { n.VillageCode, n.NoticeEndsAt });
            e.Property(n => n.VillageCode).HasMaxLength(32);
        });
        modelBuilder.Entity<ProposalApproval>(e =>
        {
            e.ToTable("proposal_approvals");
            e.HasKey(a => new { a.ProposalId, a.MemberId });
            e.Property(a => a.MemberId).HasMaxLength(32);
        });
        modelBuilder.Entity<ProposalObjection>(e =>
        {
            e.ToTable("proposal_objections");
            e.HasIndex(o => o.ProposalId);
            e.Property(o => o.By).HasMaxLength(100);
            e.Property(o => o.Reason).HasMaxLength(500);
        });
        modelBuilder.Entity<Sheet>(e =>
        {
            e.ToTable("sheets");
            e.Property(s => s.VillageCode).HasMaxLength(32);
            e.Property(s => s.Period).HasMaxLength(7);
            e.Property(s => s.SubmittedBy).HasMaxLength(32);
        });
        modelBuilder.Entity<SheetApproval>(e =>
        {
            e.ToTable("sheet_approvals");
            e.HasKey(a => new { a.SheetId, a.MemberId });
            e.Property(a => a.MemberId).HasMaxLength(32);
        });
        modelBuilder.Entity<Journal.JournalHead>(e =>
        {
            e.ToTable("journal_heads");
            e.HasKey(h => h.VillageCode);
            e.Property(h => h.VillageCode).HasMaxLength(32);
            e.Property(h => h.LastHash).HasMaxLength(64);
        });
        ConfigureHouseholdRegistry(modelBuilder);
        ConfigurePanelRules(modelBuilder);
        ConfigureExpiry(modelBuilder);
        modelBuilder.AddIdempotencyRecords();
    }

    // Each in its own file (ScoringDb.NAME.cs) beside the entities it configures.
    partial void ConfigureHouseholdRegistry(ModelBuilder modelBuilder);

    partial void ConfigurePanelRules(ModelBuilder modelBuilder);

    partial void ConfigureExpiry(ModelBuilder modelBuilder);
}
