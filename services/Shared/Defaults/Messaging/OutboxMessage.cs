namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// An integration event waiting to be published, saved in the same transaction as the change
/// it describes. The relay publishes it and marks it sent; until then it is retried.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Database-assigned order of writing; the relay publishes in this order.</summary>
    public long Sequence { get; set; }

    /// <summary>The event's own id, also used as the message id, so duplicates are recognisable.</summary>
    public Guid EventId { get; set; }

    /// <summary>The event record's type as "Namespace.Type, Assembly".</summary>
    public required string Type { get; set; }

    public required string Payload { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }
}
