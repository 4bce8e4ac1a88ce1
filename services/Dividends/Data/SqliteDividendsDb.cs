using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;

namespace Platform.Dividends.Data;

/// <summary>Dividends on SQLite (embedded mode); owns the SQLite migrations.</summary>
internal sealed class SqliteDividendsDb(DbContextOptions<SqliteDividendsDb> options) : DividendsDb(options);

internal sealed class SqliteDividendsDbFactory : SqliteDesignTimeFactory<SqliteDividendsDb>;
