using Google.Rpc;
using Grpc.Core;
using Platform.ServiceDefaults.Errors;
using Xunit;

namespace Platform.Shared.Tests;

public sealed class DomainErrorTests
{
    [Fact]
    public void A_refusal_travels_as_its_status_with_an_error_info_reason_and_metadata()
    {
        var refusal = DomainException.Precondition("HOLD_EXPIRED", "The hold expired at 10:02; start the redemption again.",
            new Dictionary<string, string> { ["hold_id"] = "order-17" });

        var rpc = DomainErrorInterceptor.ToRpcException(refusal, "platform.scoring.v1");

        Assert.Equal(StatusCode.FailedPrecondition, rpc.StatusCode);
        Assert.Equal("The hold expired at 10:02; start the redemption again.", rpc.Status.Detail);
        var info = rpc.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("HOLD_EXPIRED", info.Reason);
        Assert.Equal("platform.scoring.v1", info.Domain);
        Assert.Equal("order-17", info.Metadata["hold_id"]);
    }

    [Theory]
    [InlineData("40P01")]
    [InlineData("40001")]
    public void A_deadlock_or_serialization_failure_is_aborted_with_a_retry_advice_even_when_wrapped(string sqlState)
    {
        var conflict = new Npgsql.PostgresException("deadlock detected", "ERROR", "ERROR", sqlState);

        var direct = DomainErrorInterceptor.FromDatabase(conflict);
        var wrapped = DomainErrorInterceptor.FromDatabase(new InvalidOperationException("save failed", conflict));

        Assert.NotNull(direct);
        Assert.Equal(StatusCode.Aborted, direct.Status);
        Assert.Equal("DATABASE_CONFLICT", direct.Reason);
        Assert.Contains("send the same request again", direct.Message);
        Assert.Equal(StatusCode.Aborted, wrapped?.Status);
    }

    [Fact]
    public void Other_database_errors_are_neither_conflicts_nor_outages()
    {
        Assert.Null(DomainErrorInterceptor.FromDatabase(new Npgsql.PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.Null(DomainErrorInterceptor.FromDatabase(new InvalidOperationException("no database here")));
    }
}
