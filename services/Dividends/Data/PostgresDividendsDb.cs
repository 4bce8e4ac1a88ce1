using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;

namespace Platform.Dividends.Data;

/// <summary>Dividends on PostgreSQL (distributed mode); owns the PostgreSQL migrations.</summary>
internal sealed class PostgresDividendsDb(DbContextOptions<PostgresDividendsDb> options) : DividendsDb(options);

internal sealed class PostgresDividendsDbFactory : PostgresDesignTimeFactory<PostgresDividendsDb>;
