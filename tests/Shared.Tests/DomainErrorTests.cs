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
}
