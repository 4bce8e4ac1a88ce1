using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// Wakes a service's relay as soon as a unit of work that wrote an event has committed, so events
/// do not wait for the next poll. Most commits write none (a reservation, an audit record, an
/// idempotency record, the relay's own marking), and waking the relay for them costs it a claim
/// that finds nothing. Missing a signal is harmless: the relay also polls.
/// <para>
/// Through EF Core a unit of work has written an event when its SaveChanges saved an added
/// <see cref="OutboxMessage"/> or when a command of its text inserts into the outbox table (the
/// month-end posting builds its events in SQL). It is remembered per context and transaction and
/// signalled when that transaction commits, or when the SaveChanges that had no transaction of the
/// caller's completes; a transaction that rolls back signals nothing. Statements sent outside
/// EF Core (the counter's and the ledger's own Npgsql paths) call <see cref="Notify"/> themselves.
/// </para>
/// </summary>
public sealed class OutboxSignal<TDb> : DbTransactionInterceptor, ISaveChangesInterceptor, IDbCommandInterceptor
    where TDb : DbContext
{
    private const string RawInsert = "INSERT INTO " + OutboxModel.OutboxTable;

    private readonly SemaphoreSlim signal = new(0, 1);
    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public void Notify()
    {
        try
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another writer signalled first; one wake-up is enough.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        signal.WaitAsync(timeout, cancellationToken);

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Remember(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Remember(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Unsaved(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Unsaved(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Unsaved(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Unsaved(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>SQL of a caller's own (ExecuteSql, SqlQuery) that writes events.</summary>
    public DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (eventData.Context is { } context && eventData.CommandSource != CommandSource.SaveChanges &&
            result.CommandText.Contains(RawInsert, StringComparison.OrdinalIgnoreCase))
        {
            var state = pending.GetOrCreateValue(context);
            if (context.Database.CurrentTransaction is { } transaction)
            {
                state.Transaction = transaction.TransactionId;
            }
            else
            {
                // Its own implicit transaction, committed as the command completes, just after
                // this: the relay gathers for 20 ms before it claims, and a row it still misses
                // is found by its next poll. (No such path exists today; the posting has a transaction.)
                Notify();
            }
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (Take(eventData.Context, eventData.TransactionId))
        {
            Notify();
        }
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Take(eventData.Context, eventData.TransactionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context, eventData.TransactionId);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        Take(eventData.Context, eventData.TransactionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context, eventData.TransactionId);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Before SaveChanges: does it save an added event, and for which unit of work? The caller's
    /// transaction if there is one, else this SaveChanges (which may start and commit a
    /// transaction of its own, whose commit is not the one that counts).
    /// </summary>
    private void Remember(DbContext? context)
    {
        if (context is null || !AddsEvent(context.ChangeTracker))
        {
            return;
        }

        var state = pending.GetOrCreateValue(context);
        if (context.Database.CurrentTransaction is { } transaction)
        {
            state.Transaction = transaction.TransactionId;
        }
        else
        {
            state.Save = true;
        }
    }

    /// <summary>
    /// Looks at the tracked outbox rows without detecting changes first: an outbox row becomes
    /// Added only by being added (it has no navigations to be reached through), so detection
    /// would find nothing more here, and SaveChanges runs its own right after.
    /// </summary>
    private static bool AddsEvent(ChangeTracker tracker)
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries<OutboxMessage>())
            {
                if (entry.State == EntityState.Added)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state) && state.Save)
        {
            state.Save = false;
            Notify();
        }
    }

    private void Unsaved(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.Save = false;
        }
    }

    /// <summary>Whether the ending transaction had written an event; forgets it either way.</summary>
    private bool Take(DbContext? context, Guid transaction)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Transaction != transaction)
        {
            return false;
        }

        state.Transaction = null;
        return true;
    }

    /// <summary>A context's unit of work that has written an event and not yet ended.</summary>
    private sealed class Pending
    {
        public Guid? Transaction { get; set; }

        public bool Save { get; set; }
    }
}
