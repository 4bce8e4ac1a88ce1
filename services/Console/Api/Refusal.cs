using Google.Rpc;
using Grpc.Core;

namespace Platform.WebConsole.Api;

/// <summary>
/// A call the services refused or could not answer: the google.rpc.ErrorInfo reason and its
/// metadata (the figures), which <see cref="RefusalTexts"/> words in the person's language.
/// </summary>
public sealed class Refusal(StatusCode status, string reason, IReadOnlyDictionary<string, string> metadata, string serviceMessage)
    : Exception(serviceMessage)
{
    public StatusCode Status { get; } = status;

    /// <summary>The ErrorInfo reason (NOT_ENOUGH_POINTS); for a status without one, the status's name.</summary>
    public string Reason { get; } = reason;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    /// <summary>The service's own English sentence, kept for the log and as the last resort.</summary>
    public string ServiceMessage { get; } = serviceMessage;

    /// <summary>Whether the call may have been carried out: the answer was lost, not refused.</summary>
    public bool OutcomeUnknown => Status is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled;

    public static Refusal From(RpcException ex)
    {
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        if (info is not null)
        {
            return new Refusal(ex.StatusCode, info.Reason, new Dictionary<string, string>(info.Metadata), ex.Status.Detail);
        }

        var reason = ex.StatusCode switch
        {
            StatusCode.Unavailable => "SERVICE_UNAVAILABLE",
            StatusCode.DeadlineExceeded => "SERVICE_TIMEOUT",
            StatusCode.Unauthenticated => "TOKEN_REFUSED",
            _ => "STATUS_" + ex.StatusCode.ToString().ToUpperInvariant(),
        };
        return new Refusal(ex.StatusCode, reason, new Dictionary<string, string>(), ex.Status.Detail);
    }
}
