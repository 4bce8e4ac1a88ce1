namespace Platform.ServiceDefaults.Messaging;

/// <summary>
/// A message a consumer has handled, saved in the same transaction as its effect. Its key
/// (message id, consumer) makes a redelivery of the same event a no-op.
/// </summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTime HandledAt { get; set; }
}
