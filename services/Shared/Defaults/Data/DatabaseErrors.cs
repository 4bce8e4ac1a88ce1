using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Classifies an exception from either provider (PostgreSQL, SQLite) by looking through its whole
/// chain — EF's DbUpdateException, its retrying strategy's wrappers, an AggregateException — for
/// the provider's own error. One place, so every service answers the same failure the same way.
/// </summary>
public static class DatabaseErrors
{
    // SQLite's extended result codes: SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY.
    private const int SqliteUnique = 2067;
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoError = 10;
    private const int SqliteCannotOpen = 14;

    public static bool IsUniqueViolation(Exception ex) => Classify(ex) == DatabaseFailure.UniqueViolation;

    public static bool IsConflict(Exception ex) => Classify(ex) == DatabaseFailure.Conflict;

    public static bool IsUnavailable(Exception ex) => Classify(ex) == DatabaseFailure.Unavailable;

    /// <summary>The first database failure found in the exception's chain, outermost first.</summary>
    public static DatabaseFailure Classify(Exception ex)
    {
        foreach (var e in Chain(ex))
        {
            var failure = e switch
            {
                PostgresException pg => Of(pg),
                NpgsqlException npgsql => Of(npgsql),
                SqliteException sqlite => Of(sqlite),
                InvalidOperationException { Source: "Npgsql" or RelationalSource } npgsql when EndedByBrokenConnection(npgsql) => DatabaseFailure.Unavailable,
                _ => DatabaseFailure.None,
            };
            if (failure != DatabaseFailure.None)
            {
                return failure;
            }
        }

        return DatabaseFailure.None;
    }

    private static DatabaseFailure Of(PostgresException pg) => pg.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation => DatabaseFailure.UniqueViolation,
        PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure => DatabaseFailure.Conflict,
        // Class 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now;
        // 53300: too many connections. The server, not the request, is the trouble.
        { } state when state.StartsWith("08", StringComparison.Ordinal) => DatabaseFailure.Unavailable,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections => DatabaseFailure.Unavailable,
        _ => DatabaseFailure.None,
    };

    /// <summary>
    /// Npgsql's own errors without a server answer: a failed connect, a lost connection (an
    /// EndOfStreamException or IOException inside), a timeout opening a connection or waiting on
    /// the pool. Npgsql marks them transient.
    /// </summary>
    private static DatabaseFailure Of(NpgsqlException npgsql) =>
        npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException
            ? DatabaseFailure.Unavailable
            : DatabaseFailure.None;

    /// <summary>
    /// EF Core's relational layer: the refusal of a savepoint on a transaction a terminated
    /// connection ended ("Transaction is already completed") has been seen with this source, the
    /// top frame EF's CreateSavepointAsync (most likely Npgsql's small throwing method inlined by
    /// the JIT). It was answered Internal in 1 of 3 full test runs on 2026-12-05, where the same
    /// refusal from "Npgsql" is Unavailable.
    /// </summary>
    private const string RelationalSource = "Microsoft.EntityFrameworkCore.Relational";

    /// <summary>
    /// A connection that broke ends its transaction, and Npgsql then refuses the next use of that
    /// transaction or connection (EF creating a savepoint, say) with an InvalidOperationException
    /// that carries no inner exception: recognised by Npgsql's words for it.
    /// </summary>
    private static bool EndedByBrokenConnection(InvalidOperationException ex) =>
        ex.Message.Contains("already completed", StringComparison.Ordinal)
        || ex.Message.Contains("no longer usable", StringComparison.Ordinal)
        || ex.Message.Contains("Connection is not open", StringComparison.Ordinal)
        || ex.Message.Contains("connection is broken", StringComparison.OrdinalIgnoreCase);

    private static DatabaseFailure Of(SqliteException sqlite) => sqlite.SqliteExtendedErrorCode switch
    {
        SqliteUnique or SqlitePrimaryKey => DatabaseFailure.UniqueViolation,
        _ => sqlite.SqliteErrorCode switch
        {
            SqliteBusy or SqliteLocked => DatabaseFailure.Conflict,
            SqliteIoError or SqliteCannotOpen => DatabaseFailure.Unavailable,
            _ => DatabaseFailure.None,
        },
    };

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        var pending = new Stack<Exception>();
        pending.Push(ex);
        var seen = 0;
        while (pending.Count > 0 && seen++ < 64)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                for (var i = aggregate.InnerExceptions.Count - 1; i >= 0; i--)
                {
                    pending.Push(aggregate.InnerExceptions[i]);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
