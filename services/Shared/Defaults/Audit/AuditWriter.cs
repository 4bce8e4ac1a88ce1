using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Platform.ServiceDefaults.Audit;

/// <summary>Saves audit records of one service's RPCs (by proto package) into that service's database.</summary>
internal interface IAuditWriter
{
    string Package { get; }

    Task WriteAsync(AuditRecord record, CancellationToken ct);
}

internal sealed class AuditWriter<TDb>(string package, IServiceScopeFactory scopes) : IAuditWriter, IAsyncDisposable
    where TDb : Microsoft.EntityFrameworkCore.DbContext, IAuditDbContext
{
    public const int MaxBatch = 500;

    private readonly System.Threading.Channels.Channel<(AuditRecord Record, TaskCompletionSource Saved)> queue =
        System.Threading.Channels.Channel.CreateUnbounded<(AuditRecord, TaskCompletionSource)>(new() { SingleReader = true });

    private int started;

    /// <summary>PostgreSQL: the writer's own pool; each batch is a pooled connection and a COPY.</summary>
    private readonly Data.SidePool<TDb> pool = new(scopes, maxPoolSize: 2);

    public string Package => package;

    /// <summary>
    /// Saves the record and returns once it is committed. Records of calls that end at the same
    /// time are committed together (one transaction for all that are waiting), so the trail costs
    /// a busy service one commit per batch rather than one per call.
    /// </summary>
    public Task WriteAsync(AuditRecord record, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            // Without the first caller's flow: its ambient AuditCall must not follow the loop.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(SaveLoopAsync, CancellationToken.None);
            }
        }

        var saved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queue.Writer.TryWrite((StorableRecord.Of(record), saved));
        return saved.Task.WaitAsync(ct);
    }

    private async Task SaveLoopAsync()
    {
        // The calls wait for their records (WriteAsync returns once they are committed), so on
        // SQLite the trail's writes go with the calls', not after the background writers'.
        Data.SqliteWriteGate.MarkCall();
        var batch = new List<(AuditRecord Record, TaskCompletionSource Saved)>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                if (pool.Postgres is { } postgres)
                {
                    await CopyAsync(postgres, batch);
                }
                else
                {
                    // A scope of its own: the records are saved whether or not the calls' own units of work were.
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<TDb>();
                    db.AuditRecords.AddRange(batch.Select(b => b.Record));
                    await db.SaveChangesAsync(CancellationToken.None);
                }

                batch.ForEach(b => b.Saved.TrySetResult());
            }
            catch (Exception ex)
            {
                batch.ForEach(b => b.Saved.TrySetException(ex));
            }
        }
    }

    /// <summary>
    /// PostgreSQL: the batch as one binary COPY (one statement, committed as a whole), without
    /// EF's change tracking and its INSERT … RETURNING per row — on a busy counter the trail's
    /// saving cost about as much CPU as the ledger calls it records.
    /// </summary>
    private static async Task CopyAsync(NpgsqlDataSource source, List<(AuditRecord Record, TaskCompletionSource Saved)> batch)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {AuditModel.Table} (at, actor, roles, method, key_fields, request_id, outcome, reason, village_code, scope) FROM STDIN (FORMAT BINARY)");
        foreach (var (r, _) in batch)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(r.At, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(r.Actor, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.Roles, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.Method, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.KeyFields, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.RequestId, NpgsqlDbType.Varchar);
            await copy.WriteAsync(r.Outcome, NpgsqlDbType.Varchar);
            await WriteNullableAsync(copy, r.Reason);
            await WriteNullableAsync(copy, r.VillageCode);
            await WriteNullableAsync(copy, r.Scope);
        }

        await copy.CompleteAsync();
    }

    public ValueTask DisposeAsync() => pool.DisposeAsync();

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Varchar);
        }
    }
}
