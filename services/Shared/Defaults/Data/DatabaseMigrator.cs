using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Applies the committed migrations when the host starts. Hosted services start before the
/// server listens, so no call reaches a service whose schema is behind.
/// </summary>
internal sealed class DatabaseMigrator<TDb>(IServiceProvider services, SchemaReady<TDb> schema, ILogger<DatabaseMigrator<TDb>> logger)
    : IHostedService
    where TDb : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        if (db.Database.IsNpgsql())
        {
            await EnsurePostgresDatabaseAsync(db.Database.GetConnectionString()!, cancellationToken);
            // Likewise EF Core reads the migrations' history table before it makes it, and logs
            // that read's failure at Error on a new database (npgsql/efcore.pg#3407).
            try
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another replica of the service made it at the same moment.
            }
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the single writer, which the counter needs.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        schema.Set();
        logger.LogInformation("{Database} schema is up to date", typeof(TDb).Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Creates the service's database when it does not exist yet, from the maintenance database
    /// "postgres". EF Core would create it too, but it finds out by failing to connect, which it
    /// logs at Error ("An error occurred using the connection…") on every first start: an
    /// operator reading the log of a new village deployment should not meet an error that is none.
    /// </summary>
    private async Task EnsurePostgresDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database;
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        try
        {
            var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}", name);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica of the service created it first, or at the same moment: two
            // concurrent CREATE DATABASE of one name fail on pg_database's unique index (23505),
            // not with 42P04 (seen with run-distributed.sh up --replicas 2 on a new server).
        }
    }
}
