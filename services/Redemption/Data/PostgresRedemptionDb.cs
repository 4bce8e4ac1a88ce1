using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;

namespace Platform.Redemption.Data;

/// <summary>Redemption on PostgreSQL (distributed mode); owns the PostgreSQL migrations.</summary>
internal sealed class PostgresRedemptionDb(DbContextOptions<PostgresRedemptionDb> options) : RedemptionDb(options);

internal sealed class PostgresRedemptionDbFactory : PostgresDesignTimeFactory<PostgresRedemptionDb>;
