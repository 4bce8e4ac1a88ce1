using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Routes a SQLite DbContext's writes through the <see cref="SqliteWriteGate"/> of its file: a
/// transaction holds the gate from its start to its commit or rollback (or, should it be disposed
/// without either, until its connection closes); a writing statement outside a transaction (EF's
/// SaveChanges of one row, ExecuteSql) holds it while it runs. Reads never wait: in WAL mode they
/// run beside the writer. Each connection also gets a busy timeout, so that a collision with
/// another process (a backup tool) waits in SQLite's own short sleeps, not in
/// Microsoft.Data.Sqlite's 150 ms retry.
/// </summary>
internal sealed partial class SqliteWriteGateInterceptor(string file)
    : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    /// <summary>Milliseconds SQLite itself waits for a lock another process holds.</summary>
    public const int BusyTimeoutMs = 5000;

    private readonly SqliteWriteGate gate = SqliteWriteGate.For(file);
    private readonly ConditionalWeakTable<DbConnection, SqliteWriteGate.Lease> transactions = [];
    private readonly ConditionalWeakTable<DbTransaction, SqliteWriteGate.Lease> ended = [];
    private readonly ConditionalWeakTable<DbCommand, SqliteWriteGate.Lease> statements = [];

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        transactions.AddOrUpdate(connection, await gate.EnterAsync(Timeout(eventData.Context), cancellationToken));
        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        transactions.AddOrUpdate(connection, gate.Enter(Timeout(eventData.Context)));
        return result;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Follow(connection, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Follow(connection, result);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => EndTransaction(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => EndTransaction(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndTransaction(transaction);
        return Task.CompletedTask;
    }

    // A transaction disposed without a commit or a rollback (an exception in its using block) is
    // rolled back by the provider without telling interceptors; EF then closes the connection it
    // opened for it.
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndTransaction(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        EndTransaction(connection);
        return ValueTask.FromResult(result);
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = BusyTimeout;
        command.ExecuteNonQuery();
    }

    public async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = BusyTimeout;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterStatement(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await EnterStatementAsync(command, eventData, cancellationToken);
        return result;
    }

    // A statement that answers rows (INSERT … RETURNING) has run when its reader is done with.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        EndStatement(command);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        EndStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        EndStatement(command);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterStatement(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await EnterStatementAsync(command, eventData, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        EndStatement(command);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterStatement(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await EnterStatementAsync(command, eventData, cancellationToken);
        return result;
    }

    public object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        EndStatement(command);
        return result;
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => EndStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => EndStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        EndStatement(command);
        return Task.CompletedTask;
    }

    private static readonly string BusyTimeout = $"PRAGMA busy_timeout = {BusyTimeoutMs};";

    /// <summary>The context's command timeout: a writer that waits longer for the file than a statement may run is stuck.</summary>
    private static TimeSpan Timeout(DbContext? context) => TimeSpan.FromSeconds(context?.Database.GetCommandTimeout() ?? 30);

    /// <summary>A statement that may write, outside a transaction (inside one, the transaction holds the gate).</summary>
    private static bool NeedsGate(DbCommand command) => command.Transaction is null && Writes().IsMatch(command.CommandText);

    private void EnterStatement(DbCommand command, CommandEventData eventData)
    {
        if (NeedsGate(command))
        {
            statements.AddOrUpdate(command, gate.Enter(Timeout(eventData.Context)));
        }
    }

    private async ValueTask EnterStatementAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        if (NeedsGate(command))
        {
            statements.AddOrUpdate(command, await gate.EnterAsync(Timeout(eventData.Context), cancellationToken));
        }
    }

    private void EndStatement(DbCommand command)
    {
        if (statements.TryGetValue(command, out var lease))
        {
            statements.Remove(command);
            lease.Dispose();
        }
    }

    // The provider forgets a transaction's connection once it ends, so the lease follows the transaction too.
    private void Follow(DbConnection connection, DbTransaction transaction)
    {
        if (transactions.TryGetValue(connection, out var lease))
        {
            ended.AddOrUpdate(transaction, lease);
        }
    }

    private void EndTransaction(DbTransaction transaction)
    {
        if (ended.TryGetValue(transaction, out var lease))
        {
            ended.Remove(transaction);
            lease.Dispose();
        }
    }

    private void EndTransaction(DbConnection connection)
    {
        if (transactions.TryGetValue(connection, out var lease))
        {
            transactions.Remove(connection);
            lease.Dispose();
        }
    }

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|VACUUM)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Writes();
}
