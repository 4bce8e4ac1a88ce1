using System.Collections.Concurrent;

namespace Platform.Integration.Tests.Messaging;

/// <summary>Every delivery the test consumer saw, and whether it applied an effect.</summary>
public sealed class Deliveries
{
    private readonly ConcurrentQueue<(Guid EventId, bool Applied)> seen = new();

    public void Record(Guid eventId, bool applied) => seen.Enqueue((eventId, applied));

    public int Count(Guid eventId) => seen.Count(d => d.EventId == eventId);

    public int Applied(Guid eventId) => seen.Count(d => d.EventId == eventId && d.Applied);
}
