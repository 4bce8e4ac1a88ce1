using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Platform.LoadBalancer;

/// <summary>
/// Sends a call once more, to another replica, when the replica load balancing chose refused the
/// connection: no connection means no byte of the call reached it, so nothing can have been done
/// twice. Any other failure (a replica that died while the call was with it) is not retried here:
/// it may have been carried out, and only the caller, with its idempotency key, can send it again.
/// Runs after load balancing and before YARP's forwarder, which it calls a second time.
/// </summary>
internal static class RefusedConnectionRetry
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var body = new ReadWatchedStream(context.Request.Body);
        context.Request.Body = body;
        await next(context);

        var proxy = context.GetReverseProxyFeature();
        if (context.Features.Get<IForwarderErrorFeature>() is not { Error: ForwarderError.Request, Exception: { } failure }
            || !WasRefused(failure) || body.WasRead || context.Response.HasStarted
            || context.RequestAborted.IsCancellationRequested
            || proxy.ProxiedDestination is not { } refused
            || Other(context, refused) is not { } other)
        {
            return;
        }

        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
        proxy.AvailableDestinations = [other];
        await next(context);
    }

    private static bool WasRefused(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }

    // The next replica after the refused one, in configuration order, among those available.
    private static DestinationState? Other(HttpContext context, DestinationState refused)
    {
        var all = context.GetRouteModel().Cluster?.DestinationsState.AvailableDestinations ?? [];
        var start = Math.Max(0, all.ToList().IndexOf(refused));
        for (var i = 1; i < all.Count; i++)
        {
            var candidate = all[(start + i) % all.Count];
            if (candidate != refused)
            {
                return candidate;
            }
        }

        return null;
    }
}
