namespace Platform.ServiceDefaults.Idempotency;

/// <summary>
/// The first answer to a write, under its caller-chosen key, with a hash of the request: the same
/// key and request get this answer again; the same key with another request is refused.
/// </summary>
public sealed class IdempotencyRecord
{
    public required string Key { get; set; }

    public required string Operation { get; set; }

    public required byte[] RequestHash { get; set; }

    public required byte[] Response { get; set; }

    public DateTime CreatedAt { get; set; }
}
