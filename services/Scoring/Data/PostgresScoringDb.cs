using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;

namespace Platform.Scoring.Data;

/// <summary>Scoring on PostgreSQL (distributed mode); owns the PostgreSQL migrations.</summary>
public sealed class PostgresScoringDb(DbContextOptions<PostgresScoringDb> options) : ScoringDb(options);

internal sealed class PostgresScoringDbFactory : PostgresDesignTimeFactory<PostgresScoringDb>;
