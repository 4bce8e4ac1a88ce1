using Grpc.Core;

namespace Platform.Testing.Matrix;

/// <summary>How a call ended: its status, the google.rpc.ErrorInfo reason if any, and the message.</summary>
public sealed record CallOutcome(StatusCode Code, string? Reason, string Message)
{
    private static readonly string[] AccessReasons = ["ROLE_NOT_ALLOWED", "OUT_OF_SCOPE", "ACCESS_RULE_MISSING"];

    /// <summary>Refused by the access check, not by the service.</summary>
    public bool DeniedByAccess => Code == StatusCode.PermissionDenied && AccessReasons.Contains(Reason);

    public bool Unauthenticated => Code == StatusCode.Unauthenticated && Reason?.StartsWith("TOKEN_", StringComparison.Ordinal) == true;

    public override string ToString() => $"{Code} {Reason}: {Message}";
}
