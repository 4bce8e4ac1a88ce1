using Platform.Redemption.Goods;
using Platform.Redemption.Households;

namespace Platform.Redemption.Orders;

/// <summary>
/// The counter's storage, one seam for both providers (decision 0013): an EF Core implementation
/// (<see cref="EfCounterStore"/>, SQLite in the embedded host) and a PostgreSQL one
/// (<see cref="PostgresCounterStore"/>, single statements through group commit), chosen once in
/// <see cref="RedemptionModule"/>. The orchestration in <see cref="Redemptions"/> sees only this.
/// Every step is idempotent on the order id: the request, a retry and recovery may race.
/// </summary>
internal interface ICounterStore
{
    /// <summary>What the counter needs before it reserves: the order if its id is known, the household's candidates, the items.</summary>
    Task<CounterLook> LookAsync(string orderId, string supermarket, CounterDesk.HouseholdQuery household, string[] skus, CancellationToken ct);

    /// <summary>
    /// Records the order as pending, raises its limits' usage and reserves its stock, all or
    /// nothing: a refused line leaves nothing behind and is answered as a typed refusal.
    /// </summary>
    Task<Reservation> ReserveAsync(Order order, IReadOnlyDictionary<string, Item> items, CancellationToken ct);

    /// <summary>Marks a pending order completed, consumes its reserved stock first-expiring-first and writes GoodsRedeemed, once.</summary>
    Task<Completion> CompleteAsync(Order order, long entryId, long availableAfter, DateTime now, CancellationToken ct);

    /// <summary>Marks a pending order cancelled and gives back its reservation and limit usage, once. False when it was no longer pending.</summary>
    Task<bool> CancelAsync(string orderId, string reason, DateTime now, CancellationToken ct);

    Task<Order?> FindAsync(string orderId, CancellationToken ct);
}

internal sealed record CounterLook(Order? Known, IReadOnlyList<CachedHousehold> Households, IReadOnlyDictionary<string, Item> Items);

/// <summary>How a reservation ended: reserved, refused on a line, or the order id already taken (the first request stands).</summary>
internal sealed record Reservation(CounterRefusal? Refusal, bool IdTaken)
{
    public static readonly Reservation Reserved = new(null, false);

    public static readonly Reservation Taken = new(null, true);

    public static Reservation Refused(CounterRefusal refusal) => new(refusal, false);
}

internal enum Completion
{
    /// <summary>This call moved the order from pending to completed.</summary>
    Completed,

    /// <summary>The order was no longer pending: another call settled it first.</summary>
    NotPending,

    /// <summary>The lots could not give what the item's figures promised; nothing changed.</summary>
    StockShort,

    /// <summary>Only lots past their best-before date could give what was reserved; nothing changed.</summary>
    StockExpired,
}
