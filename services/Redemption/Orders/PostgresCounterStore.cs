using Platform.Redemption.Goods;

namespace Platform.Redemption.Orders;

/// <summary>
/// The counter's storage on PostgreSQL: the look-up, the reservation and the completion are one
/// round trip each (<see cref="PostgresCounter"/>, grouped by <c>GroupCommit</c>); a cancel,
/// rare next to them, runs through EF Core as on SQLite (<see cref="EfCounterStore"/>), taking
/// its rows in the same order.
/// </summary>
internal sealed class PostgresCounterStore(PostgresCounter statements, EfCounterStore ef) : ICounterStore
{
    public async Task<CounterLook> LookAsync(string orderId, string supermarket, CounterDesk.HouseholdQuery household, string[] skus, CancellationToken ct)
    {
        var look = await statements.LookAsync(orderId, supermarket, household, skus, ct);
        return new CounterLook(look.Known, look.Households, look.Items);
    }

    public async Task<Reservation> ReserveAsync(Order order, IReadOnlyDictionary<string, Item> items, CancellationToken ct)
    {
        var reservation = await statements.TryAsync(order, items, ct);
        // The statement may raise a line's refusal before its insert meets an order of the same id
        // made meanwhile (a retry racing the first request): that order stands, as on SQLite.
        return reservation.Refusal is not null && await statements.FindAsync(order.Id, ct) is not null ? Reservation.Taken : reservation;
    }

    public Task<Completion> CompleteAsync(Order order, long entryId, long availableAfter, DateTime now, CancellationToken ct) =>
        statements.CompleteAsync(order, entryId, availableAfter, now, ct);

    public Task<bool> CancelAsync(string orderId, string reason, DateTime now, CancellationToken ct) =>
        ef.CancelAsync(orderId, reason, now, ct);

    public Task<Order?> FindAsync(string orderId, CancellationToken ct) => statements.FindAsync(orderId, ct);
}
