using System.Net.Sockets;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class DatabaseErrorsTests
{
    [Fact]
    public void A_duplicate_key_is_a_unique_violation_on_either_provider_even_inside_EFs_wrapper()
    {
        var postgres = new DbUpdateException("save failed", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation));
        var sqlite = new DbUpdateException("save failed", new SqliteException("UNIQUE constraint failed", 19, 2067));
        var primaryKey = new DbUpdateException("save failed", new SqliteException("UNIQUE constraint failed", 19, 1555));

        Assert.True(DatabaseErrors.IsUniqueViolation(postgres));
        Assert.True(DatabaseErrors.IsUniqueViolation(sqlite));
        Assert.True(DatabaseErrors.IsUniqueViolation(primaryKey));
    }

    [Fact]
    public void A_check_or_foreign_key_failure_is_not_a_unique_violation()
    {
        Assert.False(DatabaseErrors.IsUniqueViolation(new DbUpdateException("save failed", new SqliteException("CHECK constraint failed", 19, 275))));
        Assert.False(DatabaseErrors.IsUniqueViolation(new DbUpdateException("save failed", new PostgresException("check", "ERROR", "ERROR", PostgresErrorCodes.CheckViolation))));
    }

    [Theory]
    [InlineData("57P01")]
    [InlineData("57P02")]
    [InlineData("57P03")]
    [InlineData("08006")]
    [InlineData("08001")]
    [InlineData("53300")]
    public void A_server_shutting_down_refusing_or_losing_connections_is_unavailable(string sqlState)
    {
        var error = new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", sqlState);

        Assert.Equal(DatabaseFailure.Unavailable, DatabaseErrors.Classify(error));
        Assert.Equal(DatabaseFailure.Unavailable, DatabaseErrors.Classify(new DbUpdateException("save failed", error)));
    }

    [Fact]
    public void A_failed_connect_a_lost_connection_and_a_connect_timeout_are_unavailable_also_behind_EFs_retrying_strategy()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));
        var lost = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        var broken = new NpgsqlException("Exception while writing to stream", new IOException("broken pipe"));
        var timeout = new NpgsqlException("The operation has timed out", new TimeoutException());

        Assert.All([refused, lost, broken, timeout], e => Assert.True(DatabaseErrors.IsUnavailable(e)));
        Assert.True(DatabaseErrors.IsUnavailable(new RetryLimitExceededException("retried", refused)));
        Assert.True(DatabaseErrors.IsUnavailable(new InvalidOperationException("likely due to a transient failure", lost)));
        Assert.True(DatabaseErrors.IsUnavailable(new AggregateException(new InvalidOperationException("other"), lost)));
    }

    [Fact]
    public void Npgsql_refusing_a_transaction_that_a_broken_connection_ended_is_unavailable_but_its_other_refusals_are_not()
    {
        var ended = new InvalidOperationException("Transaction is already completed") { Source = "Npgsql" };
        var misuse = new InvalidOperationException("Parameter '@p' must have its value set") { Source = "Npgsql" };
        var elsewhere = new InvalidOperationException("Transaction is already completed") { Source = "Platform.Scoring" };
        // The same refusal when the JIT has inlined Npgsql's throwing method into EF's CreateSavepointAsync.
        var inlined = new InvalidOperationException("Transaction is already completed") { Source = "Microsoft.EntityFrameworkCore.Relational" };
        var relationalMisuse = new InvalidOperationException("The connection does not support MultipleActiveResultSets") { Source = "Microsoft.EntityFrameworkCore.Relational" };

        Assert.True(DatabaseErrors.IsUnavailable(ended));
        Assert.True(DatabaseErrors.IsUnavailable(inlined));
        Assert.False(DatabaseErrors.IsUnavailable(relationalMisuse));
        Assert.False(DatabaseErrors.IsUnavailable(misuse));
        Assert.False(DatabaseErrors.IsUnavailable(elsewhere));
    }

    [Fact]
    public void A_database_that_cannot_be_reached_answers_unavailable_with_a_retry_advice()
    {
        var refusal = DomainErrorInterceptor.FromDatabase(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)));

        Assert.NotNull(refusal);
        Assert.Equal(StatusCode.Unavailable, refusal.Status);
        Assert.Equal("DATABASE_UNAVAILABLE", refusal.Reason);
        Assert.Contains("Send the same request again", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bugs_and_other_failures_are_not_classified()
    {
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new InvalidOperationException("a bug")));
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new NullReferenceException()));
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new PostgresException("syntax error", "ERROR", "ERROR", PostgresErrorCodes.SyntaxError)));
        Assert.Equal(DatabaseFailure.None, DatabaseErrors.Classify(new SocketException((int)SocketError.ConnectionRefused)));
    }
}
