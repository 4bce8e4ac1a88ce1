using Microsoft.AspNetCore.Http.Features;

namespace Platform.LoadBalancer;

/// <summary>
/// Resets a stream whose answer had begun with REFUSED_STREAM (0x7) rather than the INTERNAL_ERROR
/// or CANCEL that YARP chooses: gRPC clients map REFUSED_STREAM, and only it, to UNAVAILABLE
/// (INTERNAL_ERROR would be INTERNAL, CANCEL would look like the client's own cancellation).
/// Strictly REFUSED_STREAM says the request was not processed, which a replica that died while
/// answering cannot promise; the client's call is committed once it has its answer's headers, so
/// no client sends it again by itself, and a caller that does sends the same idempotency key.
/// </summary>
internal sealed class RefusedStreamReset(IHttpResetFeature inner) : IHttpResetFeature
{
    private const int RefusedStream = 0x7;

    public void Reset(int errorCode) => inner.Reset(RefusedStream);
}
