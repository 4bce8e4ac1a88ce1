using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;

namespace Platform.Scoring.Data;

/// <summary>Scoring on SQLite (embedded mode); owns the SQLite migrations.</summary>
internal sealed class SqliteScoringDb(DbContextOptions<SqliteScoringDb> options) : ScoringDb(options);

internal sealed class SqliteScoringDbFactory : SqliteDesignTimeFactory<SqliteScoringDb>;
