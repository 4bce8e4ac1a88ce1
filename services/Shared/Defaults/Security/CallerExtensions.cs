using Grpc.Core;

namespace Platform.ServiceDefaults.Security;

internal static class CallerExtensions
{
    /// <summary>The caller whose token the access check accepted; null on a public RPC.</summary>
    public static Caller? Caller(this ServerCallContext context) =>
        context.GetHttpContext().Items.TryGetValue(Security.Caller.ItemKey, out var caller) ? caller as Caller : null;
}
