using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Publishes a service's outbox. Rows are claimed inside a transaction (on PostgreSQL with
/// FOR UPDATE SKIP LOCKED, so several replicas never publish the same row at once), published
/// with broker confirms, and marked sent in that same transaction. If the relay dies after
/// publishing and before committing, the rows stay unsent and are published again: a
/// duplicate, which consumers' inboxes absorb. A row whose publication fails waits with
/// exponential back-off and is retried; nothing is dropped.
/// <para>
/// Every publish is bounded by <see cref="MessagingOptions.PublishTimeout"/>: a broker that dies
/// while a confirm is outstanding can leave the client's confirm waiting forever, and a relay
/// awaiting it would stop for good, holding its claimed rows. A batch in which no row reached the
/// broker is an outage, not the rows' fault: the rows stay due and the relay itself waits, with
/// back-off up to <see cref="MaxOutageBackoff"/>, and tries again, by which time MassTransit has
/// replaced the dead connection and channel.
/// </para>
/// </summary>
internal sealed class OutboxRelay<TDb>(
    IServiceScopeFactory scopes,
    IBus bus,
    OutboxSignal<TDb> signal,
    TimeProvider time,
    IOptions<MessagingOptions> options,
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

    /// <summary>The event types by their stored names, looked up once per type rather than per row.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    /// <summary>The longest the relay waits between batches while the broker takes nothing.</summary>
    public static readonly TimeSpan MaxOutageBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// PostgreSQL: the relay's own pool. A batch is then four plain statements on one pooled
    /// connection (begin, claim, one set-based UPDATE for the sent rows, commit) instead of a DI
    /// scope, a DbContext, a tracked query and one UPDATE per row behind a savepoint. SQLite
    /// (embedded) keeps the DbContext path.
    /// </summary>
    private readonly SidePool<TDb> pool = new(scopes, maxPoolSize: 4);

    /// <summary>Consecutive batches in which the broker took nothing; 0 while it works.</summary>
    private int outages;

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

            if (Volatile.Read(ref outages) is > 0 and var failed)
            {
                var wait = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failed - 1), MaxOutageBackoff.TotalSeconds));
                logger.LogWarning("Outbox relay of {Database}: the broker confirmed nothing in {Batches} batch(es) in a row; trying again in {Wait} s",
                    typeof(TDb).Name, failed, wait.TotalSeconds);
                // Real time, not the injected clock, as for the gathering delay below.
                await Task.Delay(wait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
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
        if (pool.Postgres is { } postgres)
        {
            return await PublishBatchOnPostgresAsync(postgres, cancellationToken, afterPublish);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        var now = time.GetUtcNow().UtcDateTime;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await Claim(db, now, cancellationToken);
        if (rows.Count == 0)
        {
            // Nothing due (or another replica has it): no outage to wait out.
            Volatile.Write(ref outages, 0);
            return 0;
        }

        var outcomes = await PublishAllAsync(rows, cancellationToken);
        if (afterPublish is not null)
        {
            await afterPublish();
        }

        var outage = IsOutage(outcomes);
        var sent = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (outcomes[i].Error is not { } error)
            {
                row.SentAt = now;
                row.LastError = null;
                sent++;
            }
            else
            {
                row.Attempts++;
                row.LastError = Truncate(error, 2000);
                row.NextAttemptAt = outage ? row.NextAttemptAt : now + Backoff(row.Attempts);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Report(sent, outcomes, outage);
        return sent;
    }

    private async Task<int> PublishBatchOnPostgresAsync(NpgsqlDataSource source, CancellationToken cancellationToken, Func<Task>? afterPublish)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = new List<OutboxMessage>();
        await using (var claim = new NpgsqlCommand(
            $"""
            SELECT sequence, event_id, type, payload, occurred_at, attempts FROM {OutboxModel.OutboxTable}
            WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
            ORDER BY sequence
            LIMIT {BatchSize}
            FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            claim.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
            await using var reader = await claim.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new OutboxMessage
                {
                    Sequence = reader.GetInt64(0),
                    EventId = reader.GetGuid(1),
                    Type = reader.GetString(2),
                    Payload = reader.GetString(3),
                    OccurredAt = reader.GetDateTime(4),
                    Attempts = reader.GetInt32(5),
                });
            }
        }

        if (rows.Count == 0)
        {
            // Nothing due (or another replica has it): no outage to wait out.
            Volatile.Write(ref outages, 0);
            return 0;
        }

        var outcomes = await PublishAllAsync(rows, cancellationToken);
        if (afterPublish is not null)
        {
            await afterPublish();
        }

        var outage = IsOutage(outcomes);
        var sent = rows.Where((_, i) => outcomes[i].Error is null).Select(row => row.Sequence).ToArray();
        await using (var markSent = new NpgsqlCommand(
            $"UPDATE {OutboxModel.OutboxTable} SET sent_at = $1, last_error = NULL WHERE sequence = ANY($2)", connection, transaction))
        {
            markSent.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
            markSent.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sent });
            await markSent.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i].Error is not { } error)
            {
                continue;
            }

            // In an outage the row stays due: the relay's own back-off paces the retries.
            var attempts = rows[i].Attempts + 1;
            await using var failed = new NpgsqlCommand(
                $"UPDATE {OutboxModel.OutboxTable} SET attempts = $1, last_error = $2, next_attempt_at = coalesce($3, next_attempt_at) WHERE sequence = $4",
                connection, transaction);
            failed.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempts });
            failed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Truncate(error, 2000) });
            failed.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = outage ? null : now + Backoff(attempts) });
            failed.Parameters.Add(new NpgsqlParameter<long> { TypedValue = rows[i].Sequence });
            await failed.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Report(sent.Length, outcomes, outage);
        return sent.Length;
    }

    public override void Dispose()
    {
        pool.DisposeAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose();
    }

    /// <summary>
    /// The broker took none of the batch and at least one row failed in the transport (not in
    /// its own type or payload): the broker or the connection is down, not the rows wrong.
    /// </summary>
    private static bool IsOutage((string? Error, bool Transport)[] outcomes) =>
        outcomes.All(o => o.Error is not null) && outcomes.Any(o => o.Transport);

    private void Report(int sent, (string? Error, bool Transport)[] outcomes, bool outage)
    {
        var previous = Interlocked.Exchange(ref outages, outage ? outages + 1 : 0);
        if (sent > 0)
        {
            // Debug: how replicas share the outbox (docs/benchmarks.md counts these lines).
            logger.LogDebug("Outbox relay of {Database} published {Count} events", typeof(TDb).Name, sent);
        }

        if (sent < outcomes.Length)
        {
            logger.LogWarning("Outbox relay of {Database}: {Failed} of {Count} events failed to publish and will be retried ({Error})",
                typeof(TDb).Name, outcomes.Length - sent, outcomes.Length, outcomes.First(o => o.Error is not null).Error);
        }

        if (previous > 0 && !outage)
        {
            logger.LogInformation("Outbox relay of {Database} publishes again after {Batches} failed batch(es)", typeof(TDb).Name, previous);
        }
    }

    /// <summary>SQLite: one process owns the file and its writes are serialised, so a plain read inside the transaction is enough.</summary>
    private static Task<List<OutboxMessage>> Claim(TDb db, DateTime now, CancellationToken cancellationToken) =>
        db.OutboxMessages
            .Where(m => m.SentAt == null && (m.NextAttemptAt == null || m.NextAttemptAt <= now))
            .OrderBy(m => m.Sequence)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Publishes a batch side by side, every publish bounded by one timeout for the batch (they
    /// start together, so one timer serves them all rather than a timer per row).
    /// </summary>
    private async Task<(string? Error, bool Transport)[]> PublishAllAsync(List<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        // Real time: a test's stopped clock must not stop the relay.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(options.Value.PublishTimeout);
        var publishes = new Task<(string? Error, bool Transport)>[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            publishes[i] = Publish(rows[i], bounded.Token, cancellationToken);
        }

        return await Task.WhenAll(publishes);
    }

    /// <summary>
    /// Error null when the broker confirmed the message, else why it failed, and whether it failed
    /// in the transport (the broker, the connection, the timeout) rather than in the row itself.
    /// </summary>
    private async Task<(string? Error, bool Transport)> Publish(OutboxMessage row, CancellationToken bounded, CancellationToken cancellationToken)
    {
        object message;
        Type type;
        try
        {
            type = Types.TryGetValue(row.Type, out var known) ? known : Types.GetOrAdd(row.Type, System.Type.GetType(row.Type, throwOnError: true)!);
            message = JsonSerializer.Deserialize(row.Payload, type, OutboxExtensions.Json)!;
        }
        catch (Exception ex)
        {
            return ($"{ex.GetType().Name}: {ex.Message}", false);
        }

        var publish = bus.Publish(message, type, context => context.MessageId = row.EventId, bounded);
        try
        {
            // WaitAsync, not only the token: MassTransit does not pass it to the confirm it awaits.
            await publish.WaitAsync(bounded);
            return (null, true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The abandoned publish may still fail later; nobody awaits it any more.
            _ = publish.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return ($"TimeoutException: the broker did not confirm within {options.Value.PublishTimeout.TotalSeconds} s", true);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ($"{ex.GetType().Name}: {ex.Message}", true);
        }
    }

    private static TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Pow(2, Math.Min(attempts, 20));
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
