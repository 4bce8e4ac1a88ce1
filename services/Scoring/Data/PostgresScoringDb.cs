using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Data;

namespace Platform.Scoring.Data;

/// <summary>Scoring on PostgreSQL (distributed mode); owns the PostgreSQL migrations.</summary>
internal sealed class PostgresScoringDb(DbContextOptions<PostgresScoringDb> options) : ScoringDb(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Every hold, capture and posting rewrites an account row; with room left on its page the
        // new version stays there (a HOT update) and neither index of the table is touched.
        modelBuilder.Entity<Account>().HasStorageParameter("fillfactor", 70);
    }
}

internal sealed class PostgresScoringDbFactory : PostgresDesignTimeFactory<PostgresScoringDb>;
