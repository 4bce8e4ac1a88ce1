using Grpc.Core;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// A refusal a caller can act on. The reason is stable and machine-readable (it travels as
/// google.rpc.ErrorInfo), so a console can show its own words, in Chinese for example; the
/// message is the English explanation for logs and for people.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(StatusCode status, string reason, string message,
        IReadOnlyDictionary<string, string>? metadata = null)
        : base(message)
    {
        Status = status;
        Reason = reason;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    public StatusCode Status { get; }

    public string Reason { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>For a refused batch: every bad field, sent as google.rpc.BadRequest.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; init; } = [];

    public static DomainException Invalid(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(StatusCode.InvalidArgument, reason, message, metadata);

    public static DomainException NotFound(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(StatusCode.NotFound, reason, message, metadata);

    public static DomainException AlreadyExists(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(StatusCode.AlreadyExists, reason, message, metadata);

    public static DomainException Precondition(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(StatusCode.FailedPrecondition, reason, message, metadata);

    public static DomainException PermissionDenied(string reason, string message, IReadOnlyDictionary<string, string>? metadata = null) =>
        new(StatusCode.PermissionDenied, reason, message, metadata);
}
