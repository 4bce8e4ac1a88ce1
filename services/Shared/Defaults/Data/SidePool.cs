using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// A background writer's own small PostgreSQL pool (the outbox relay's, the audit writer's), made
/// once from the connection string of the service's DbContext; null when the service runs on
/// SQLite. A writer that uses it costs a pooled connection per batch instead of a DI scope and a
/// DbContext, which on a busy service was a tenth of its CPU (docs/benchmarks.md, measured 2026-11-30 at 3171988).
/// Its statements must change no session state: connections go back to the pool without a reset.
/// </summary>
internal sealed class SidePool<TDb>(IServiceScopeFactory scopes, int maxPoolSize) : IAsyncDisposable
    where TDb : DbContext
{
    private readonly Lazy<NpgsqlDataSource?> source = new(() =>
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        return db.Database.IsNpgsql()
            ? NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
            {
                NoResetOnClose = true,
                MaxPoolSize = maxPoolSize,
            })
            : null;
    });

    /// <summary>The pool on PostgreSQL; null on SQLite.</summary>
    public NpgsqlDataSource? Postgres => source.Value;

    public async ValueTask DisposeAsync()
    {
        if (source.IsValueCreated && source.Value is { } created)
        {
            await created.DisposeAsync();
        }
    }
}
