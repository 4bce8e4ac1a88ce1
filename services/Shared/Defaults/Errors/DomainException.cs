using Grpc.Core;

namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// A refusal a caller can act on. The reason is stable and machine-readable (it travels as
/// google.rpc.ErrorInfo), so a console can show its own words, in Chinese for example; the
/// message is the English explanation for logs and for people. Metadata is given as pairs:
/// <c>DomainException.NotFound("HOLD_NOT_FOUND", "…", ("hold_id", id))</c>.
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

    public DomainException(StatusCode status, string reason, string message, params ReadOnlySpan<(string Key, string Value)> metadata)
        : this(status, reason, message, ErrorMetadata.Of(metadata))
    {
    }

    public StatusCode Status { get; }

    public string Reason { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Every bad field, sent as google.rpc.BadRequest: one for a plain refusal, one per row for a batch.</summary>
    public IReadOnlyList<FieldViolation> Violations { get; init; } = [];

    /// <summary>
    /// A bad request field. Every InvalidArgument names its field three ways: the metadata key
    /// "field", a BadRequest field violation, and the message (the field's name is added to a
    /// message that does not already say it).
    /// </summary>
    public static DomainException Invalid(string reason, string message, string field, params ReadOnlySpan<(string Key, string Value)> metadata)
    {
        var text = ErrorMetadata.WithField(message, field);
        var all = new Dictionary<string, string>(ErrorMetadata.Of(metadata)) { ["field"] = field };
        return new DomainException(StatusCode.InvalidArgument, reason, text, all) { Violations = [new FieldViolation(field, text)] };
    }

    /// <summary>A refused batch: the field that holds the rows, and every bad row's own field.</summary>
    public static DomainException InvalidRows(string reason, string message, string field, IReadOnlyList<FieldViolation> violations) =>
        new(StatusCode.InvalidArgument, reason, ErrorMetadata.WithField(message, field), ErrorMetadata.Of([("field", field)])) { Violations = violations };

    public static DomainException NotFound(string reason, string message, params ReadOnlySpan<(string Key, string Value)> metadata) =>
        new(StatusCode.NotFound, reason, message, metadata);

    public static DomainException NotFound(string reason, string message, IReadOnlyDictionary<string, string>? metadata) =>
        new(StatusCode.NotFound, reason, message, metadata);

    public static DomainException AlreadyExists(string reason, string message, params ReadOnlySpan<(string Key, string Value)> metadata) =>
        new(StatusCode.AlreadyExists, reason, message, metadata);

    public static DomainException AlreadyExists(string reason, string message, IReadOnlyDictionary<string, string>? metadata) =>
        new(StatusCode.AlreadyExists, reason, message, metadata);

    public static DomainException Precondition(string reason, string message, params ReadOnlySpan<(string Key, string Value)> metadata) =>
        new(StatusCode.FailedPrecondition, reason, message, metadata);

    public static DomainException Precondition(string reason, string message, IReadOnlyDictionary<string, string>? metadata) =>
        new(StatusCode.FailedPrecondition, reason, message, metadata);

    public static DomainException PermissionDenied(string reason, string message, params ReadOnlySpan<(string Key, string Value)> metadata) =>
        new(StatusCode.PermissionDenied, reason, message, metadata);

    public static DomainException PermissionDenied(string reason, string message, IReadOnlyDictionary<string, string>? metadata) =>
        new(StatusCode.PermissionDenied, reason, message, metadata);
}
