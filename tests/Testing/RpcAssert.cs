using Google.Rpc;
using Grpc.Core;
using Xunit;

namespace Platform.Testing;

/// <summary>Asserts that a call was refused with the status and the machine-readable reason.</summary>
public static class RpcAssert
{
    public static async Task<RpcException> RefusedAsync(StatusCode expected, string reason, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(expected, ex.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(ex.Status.Detail), "a refusal must explain itself");
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal(reason, info!.Reason);
        return ex;
    }
}
