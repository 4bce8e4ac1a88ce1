using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.ServiceDefaults.Data;

public static class ServiceDatabaseExtensions
{
    /// <summary>
    /// Registers a service's DbContext: SQLite under the data folder in embedded mode,
    /// PostgreSQL in distributed mode. Each provider has its own context subclass because
    /// each has its own committed migrations; the rest of the service only sees TDb.
    /// Migrations are applied at start, before the service accepts calls.
    /// </summary>
    public static IServiceCollection AddServiceDatabase<TDb, TSqlite, TPostgres>(
        this IServiceCollection services, PlatformOptions options, string service)
        where TDb : DbContext, IOutboxDbContext
        where TSqlite : TDb
        where TPostgres : TDb
    {
        services.AddSingleton<OutboxSignal<TDb>>();
        if (options.Mode == PlatformMode.Embedded)
        {
            Directory.CreateDirectory(options.DataFolder);
            var connectionString = SqliteConnectionString(options.DataFolder, service);
            // One writer at a time per file, queued in memory (SqliteWriteGate).
            IInterceptor[] gate = options.SqliteWriteGate ? [new SqliteWriteGateInterceptor(SqliteFile(options.DataFolder, service))] : [];
            services.AddDbContext<TDb, TSqlite>((sp, o) => o.UseSqlite(connectionString)
                .AddInterceptors(sp.GetRequiredService<OutboxSignal<TDb>>())
                .AddInterceptors(gate)
                .AddInterceptors(sp.GetKeyedServices<IInterceptor>(typeof(TDb))));
        }
        else
        {
            var connectionString = PostgresConnectionString(options, service);
            services.AddDbContext<TDb, TPostgres>((sp, o) => o.UseNpgsql(connectionString)
                .AddInterceptors(sp.GetRequiredService<OutboxSignal<TDb>>())
                .AddInterceptors(sp.GetKeyedServices<IInterceptor>(typeof(TDb))));
        }

        services.AddDatabaseMigrator<TDb>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDb>>(
            $"{service}-database", tags: [service]);
        return services;
    }

    /// <summary>Applies the committed migrations of <typeparamref name="TDb"/> when the host starts (DatabaseMigrator).</summary>
    public static IServiceCollection AddDatabaseMigrator<TDb>(this IServiceCollection services)
        where TDb : DbContext
    {
        services.AddSingleton<SchemaReady<TDb>>();
        services.AddHostedService<DatabaseMigrator<TDb>>();
        return services;
    }

    public static string SqliteConnectionString(string dataFolder, string service) =>
        $"Data Source={SqliteFile(dataFolder, service)};Default Timeout=30";

    private static string SqliteFile(string dataFolder, string service) => Path.Combine(dataFolder, service + ".db");

    public static string PostgresConnectionString(PlatformOptions options, string service) =>
        new NpgsqlConnectionStringBuilder(options.Postgres)
        {
            Database = options.DatabaseName(service),
        }.ConnectionString;
}
