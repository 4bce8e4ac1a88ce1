using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.LoadBalancer;

/// <summary>
/// Answers a call the balancer could not forward as gRPC does: UNAVAILABLE, so that a client sends
/// it again. YARP's own answers are plain HTTP statuses (400, 502, 503, 504) that a gRPC client
/// turns into INTERNAL ("Bad gRPC response. HTTP status code: 400") or UNAVAILABLE without a word
/// of what to do, or an HTTP/2 reset that it reads as INTERNAL or CANCELLED.
/// </summary>
internal static class GrpcUnavailableAnswer
{
    internal const string Message = "replica unavailable, send the call again with the same idempotency key";

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // YARP resets the stream itself when a replica fails after the answer began.
        if (context.Features.Get<IHttpResetFeature>() is { } reset)
        {
            context.Features.Set<IHttpResetFeature>(new RefusedStreamReset(reset));
        }

        await next(context);

        if (context.Features.Get<IForwarderErrorFeature>() is null || context.Response.HasStarted
            || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // A trailers-only answer: one HEADERS frame that ends the stream and carries the status.
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = "14";
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(Message);
    }
}
