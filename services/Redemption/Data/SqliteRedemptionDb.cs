using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;

namespace Platform.Redemption.Data;

/// <summary>Redemption on SQLite (embedded mode); owns the SQLite migrations.</summary>
internal sealed class SqliteRedemptionDb(DbContextOptions<SqliteRedemptionDb> options) : RedemptionDb(options);

internal sealed class SqliteRedemptionDbFactory : SqliteDesignTimeFactory<SqliteRedemptionDb>;
