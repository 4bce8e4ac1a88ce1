using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Applies the committed migrations when the host starts. Hosted services start before the
/// server listens, so no call reaches a service whose schema is behind.
/// </summary>
internal sealed class DatabaseMigrator<TDb>(IServiceProvider services, ILogger<DatabaseMigrator<TDb>> logger)
    : IHostedService
    where TDb : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the single writer, which the counter needs.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        logger.LogInformation("{Database} schema is up to date", typeof(TDb).Name);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
