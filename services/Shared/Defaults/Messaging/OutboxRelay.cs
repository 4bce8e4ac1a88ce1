using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes a service's outbox. Rows are claimed inside a transaction (on PostgreSQL with
/// FOR UPDATE SKIP LOCKED, so several replicas never publish the same row at once), published
/// with broker confirms, and marked sent in that same transaction. If the relay dies after
/// publishing and before committing, the rows stay unsent and are published again: a
/// duplicate, which consumers' inboxes absorb. A row whose publication fails waits with
/// exponential back-off and is retried; nothing is dropped.
/// </summary>
public sealed class OutboxRelay<TDb>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TDb> signal,
    TimeProvider time,
    ILogger<OutboxRelay<TDb>> logger) : BackgroundService
    where TDb : DbContext, IOutboxDbContext
{
    public const int BatchSize = 200;
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long the relay lets commits gather after a wake-up before it claims them. Without it a
    /// busy service (hundreds of commits a second, each waking the relay) publishes batches of one
    /// or two rows, and each batch costs a scope, a transaction and three round trips.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            int published;
            try
            {
                published = await PublishBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable or the batch failed as a whole; try again shortly.
                logger.LogWarning(ex, "Outbox relay of {Database} failed; retrying", typeof(TDb).Name);
                published = 0;
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (published < BatchSize)
            {
                try
                {
                    if (await signal.WaitAsync(IdlePoll, stoppingToken))
                    {
                        // Real time, not the injected clock: tests that stop their clock still need events.
                        await Task.Delay(Gather, stoppingToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Publishes one batch of due rows and marks them sent. <paramref name="afterPublish"/> runs
    /// between publishing and marking; tests use it to stand for a relay that dies right there.
    /// </summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken, Func<Task>? afterPublish = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await Claim(db, now, cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        var outcomes = await Task.WhenAll(rows.Select(row => Publish(row, cancellationToken)));
        if (afterPublish is not null)
        {
            await afterPublish();
        }

        var sent = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (outcomes[i] is null)
            {
                row.SentAt = now;
                row.LastError = null;
                sent++;
            }
            else
            {
                row.Attempts++;
                row.LastError = Truncate(outcomes[i]!, 2000);
                row.NextAttemptAt = now + Backoff(row.Attempts);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (sent < rows.Count)
        {
            logger.LogWarning("Outbox relay of {Database}: {Failed} of {Count} events failed to publish and will be retried",
                typeof(TDb).Name, rows.Count - sent, rows.Count);
        }

        return sent;
    }

    private static async Task<List<OutboxMessage>> Claim(TDb db, DateTime now, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await db.OutboxMessages.FromSql(
                    $"""
                    SELECT * FROM outbox_messages
                    WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= {now})
                    ORDER BY sequence
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(cancellationToken);
        }

        // SQLite: one process owns the file and its writes are serialised, so a plain read
        // inside the transaction is enough.
        return await db.OutboxMessages
            .Where(m => m.SentAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Sequence)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Returns null when the broker confirmed the message, else why it failed.</summary>
    private async Task<string?> Publish(OutboxMessage row, CancellationToken cancellationToken)
    {
        try
        {
            var type = System.Type.GetType(row.Type, throwOnError: true)!;
            var message = JsonSerializer.Deserialize(row.Payload, type, OutboxExtensions.Json)!;
            await bus.Publish(message, type, context => context.MessageId = row.EventId, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Pow(2, Math.Min(attempts, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
