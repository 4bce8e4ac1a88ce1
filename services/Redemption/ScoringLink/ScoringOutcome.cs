using Grpc.Core;

namespace Platform.Redemption.ScoringLink;

/// <summary>How a call to Scoring ended, as far as a redemption is concerned.</summary>
internal static class ScoringOutcome
{
    /// <summary>
    /// Scoring answered and refused: nothing happened there. Every other failure (a timeout, an
    /// unreachable service, an internal error) leaves the outcome unknown.
    /// </summary>
    public static bool IsRefusal(RpcException ex) => ex.StatusCode is StatusCode.FailedPrecondition
        or StatusCode.NotFound or StatusCode.InvalidArgument or StatusCode.AlreadyExists
        or StatusCode.PermissionDenied or StatusCode.OutOfRange;
}
