using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build a service's SQLite context without a running host.
/// Each service derives a one-line factory per provider.
/// </summary>
public abstract class SqliteDesignTimeFactory<TDb> : IDesignTimeDbContextFactory<TDb>
    where TDb : DbContext
{
    public TDb CreateDbContext(string[] args) =>
        (TDb)Activator.CreateInstance(typeof(TDb),
            new DbContextOptionsBuilder<TDb>().UseSqlite("Data Source=design-time.db").Options)!;
}

/// <summary>The PostgreSQL counterpart; no connection is opened while generating migrations.</summary>
public abstract class PostgresDesignTimeFactory<TDb> : IDesignTimeDbContextFactory<TDb>
    where TDb : DbContext
{
    public TDb CreateDbContext(string[] args) =>
        (TDb)Activator.CreateInstance(typeof(TDb),
            new DbContextOptionsBuilder<TDb>().UseNpgsql("Host=127.0.0.1;Database=design_time").Options)!;
}
