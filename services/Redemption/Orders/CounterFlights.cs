using System.Collections.Concurrent;

namespace Platform.Redemption.Orders;

/// <summary>
/// The orders this process is driving right now (between their reservation and their answer),
/// and when the process started. Recovery leaves an order in flight here alone; an order not in
/// flight here was left behind (by a crash, a lost answer, or another replica's request that gave
/// up) and is settled at once if it predates this process, or once it is older than the
/// request's own deadline to Scoring (decision 0013).
/// </summary>
internal sealed class CounterFlights(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, byte> flying = new(StringComparer.Ordinal);

    /// <summary>Orders whose request here gave up on them (their outcome unknown): nobody drives them now.</summary>
    private readonly ConcurrentDictionary<string, byte> abandoned = new(StringComparer.Ordinal);

    public DateTime Started { get; } = time.GetUtcNow().UtcDateTime;

    public Flight Enter(string orderId) => new(this, flying.TryAdd(orderId, 0) ? orderId : null);

    public bool InFlight(string orderId) => flying.ContainsKey(orderId);

    public void GiveUp(string orderId) => abandoned.TryAdd(orderId, 0);

    public bool GaveUp(string orderId) => abandoned.ContainsKey(orderId);

    public void Settled(string orderId) => abandoned.TryRemove(orderId, out _);

    /// <summary>Ends the flight when disposed; a flight that found its id already flying ends nothing.</summary>
    public readonly struct Flight(CounterFlights flights, string? orderId) : IDisposable
    {
        public void Dispose()
        {
            if (orderId is not null)
            {
                flights.flying.TryRemove(orderId, out _);
            }
        }
    }
}
