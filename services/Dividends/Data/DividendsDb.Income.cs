using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Cooperatives;
using Platform.Dividends.Income;

namespace Platform.Dividends.Data;

/// <summary>Collective income and expense lines, the funds kept across years, and the statutes' provisions on patronage.</summary>
internal partial class DividendsDb
{
    public DbSet<IncomeLine> IncomeLines => Set<IncomeLine>();

    public DbSet<FundBalance> FundBalances => Set<FundBalance>();

    public DbSet<FundMovement> FundMovements => Set<FundMovement>();

    public DbSet<StatutesProvision> StatutesProvisions => Set<StatutesProvision>();

    partial void ConfigureIncome(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<IncomeLine>(e =>
        {
            e.ToTable("income_lines", t => t.HasCheckConstraint("ck_income_lines_one_side", "(source IS NULL) <> (expense IS NULL)"));
            e.HasKey(l => l.Id);
            e.Property(l => l.CooperativeCode).HasMaxLength(32);
            e.Property(l => l.Source).HasConversion<string>().HasMaxLength(40);
            e.Property(l => l.Expense).HasConversion<string>().HasMaxLength(40);
            e.Property(l => l.ContractNumber).HasMaxLength(64);
            e.Property(l => l.Counterparty).HasMaxLength(100);
            e.Property(l => l.Note).HasMaxLength(200);
            e.Ignore(l => l.IsIncome);
            e.HasIndex(l => new { l.CooperativeCode, l.PeriodTo });
            // A line is reversed at most once, however many reversals race.
            e.HasIndex(l => l.ReversesLineId).IsUnique();
        });
        modelBuilder.Entity<FundBalance>(e =>
        {
            e.ToTable("fund_balances", t => t.HasCheckConstraint("ck_fund_balances_not_negative", "balance_fen >= 0"));
            e.HasKey(b => new { b.CooperativeCode, b.Fund });
            e.Property(b => b.CooperativeCode).HasMaxLength(32);
            e.Property(b => b.Fund).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<FundMovement>(e =>
        {
            e.ToTable("fund_movements");
            e.HasKey(m => m.Id);
            e.Property(m => m.CooperativeCode).HasMaxLength(32);
            e.Property(m => m.Fund).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.Purpose).HasMaxLength(200);
            e.HasIndex(m => new { m.CooperativeCode, m.Fund });
            // A distribution pays into each fund once.
            e.HasIndex(m => new { m.DistributionId, m.Fund }).IsUnique();
        });
        modelBuilder.Entity<StatutesProvision>(e =>
        {
            e.ToTable("statutes_provisions");
            e.HasKey(p => p.Id);
            e.Property(p => p.CooperativeCode).HasMaxLength(32);
            e.Property(p => p.Clause).HasMaxLength(500);
            e.HasIndex(p => p.CooperativeCode);
        });

        // snake_case columns, so the one hand-written statement (FundLedger's upsert) and the check constraints read the same on both providers.
        foreach (var type in new[] { typeof(IncomeLine), typeof(FundBalance), typeof(FundMovement), typeof(StatutesProvision) })
        {
            foreach (var property in modelBuilder.Entity(type).Metadata.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }
        }
    }

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
