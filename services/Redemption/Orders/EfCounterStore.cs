using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Orders;

/// <summary>
/// The counter's storage through EF Core: the embedded host's SQLite, where one process writes and
/// the file's write lock is taken at the transaction's start. Each step is one transaction; rows
/// are touched in SKU order (limits, then items; lots before their item), as on PostgreSQL.
/// <see cref="PostgresCounterStore"/> uses its cancel and find, which are rare.
/// </summary>
internal sealed class EfCounterStore(RedemptionDb db, StockBook stock, TimeProvider time) : ICounterStore
{
    public async Task<CounterLook> LookAsync(string orderId, string supermarket, CounterDesk.HouseholdQuery household, string[] skus, CancellationToken ct)
    {
        var known = await FindAsync(orderId, ct);
        var households = known is not null ? [] : await db.Households.AsNoTracking()
            .Where(h => h.Number == household.Number && household.Villages.Contains(h.VillageCode)).ToListAsync(ct);
        var items = known is not null ? [] : await db.Items.AsNoTracking()
            .Where(i => i.SupermarketCode == supermarket && skus.Contains(i.Sku)).ToDictionaryAsync(i => i.Sku, StringComparer.Ordinal, ct);
        return new CounterLook(known, households, items);
    }

    public async Task<Reservation> ReserveAsync(Order order, IReadOnlyDictionary<string, Item> items, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Orders.Add(order);
            await db.SaveChangesAsync(ct);
            var lines = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
            foreach (var line in lines)
            {
                if (line.LimitPeriod is { } period && !await UseLimitAsync(order, line, items[line.Sku].LimitPerHousehold, period, ct))
                {
                    var used = await db.Usage.AsNoTracking()
                        .Where(u => u.SupermarketCode == order.SupermarketCode && u.Sku == line.Sku && u.VillageCode == order.VillageCode
                            && u.HouseholdNumber == order.HouseholdNumber && u.Period == period)
                        .Select(u => u.Quantity).FirstOrDefaultAsync(ct);
                    return Refused(new CounterRefusal(RefusalKind.LimitReached, line.LineNumber, used));
                }
            }

            foreach (var line in lines)
            {
                if (await stock.ReserveAsync(order.SupermarketCode, line.Sku, line.Quantity, ct) == 0)
                {
                    return Refused(await RefusalAsync(order.SupermarketCode, line, ct));
                }
            }

            await transaction.CommitAsync(ct);
            return Reservation.Reserved;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same order id arrived twice at once; the first one stands.
            return Reservation.Taken;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Why a line's reservation failed: the item retired, or too few good units, told apart by
    /// whether the expired units still on hand would have served it.
    /// </summary>
    private async Task<CounterRefusal> RefusalAsync(string supermarket, OrderLine line, CancellationToken ct)
    {
        var now = await db.Items.AsNoTracking().FirstAsync(i => i.SupermarketCode == supermarket && i.Sku == line.Sku, ct);
        if (!now.Active)
        {
            return new CounterRefusal(RefusalKind.ItemRetired, line.LineNumber, 0);
        }

        var today = stock.Today;
        var available = await stock.GoodOnHandAsync(supermarket, line.Sku, today, ct) - now.Reserved;
        return now.OnHand - now.Reserved >= line.Quantity && await stock.LatestExpiredAsync(supermarket, line.Sku, today, ct) is { } expired
            ? new CounterRefusal(RefusalKind.StockExpired, line.LineNumber, available, expired)
            : new CounterRefusal(RefusalKind.OutOfStock, line.LineNumber, available);
    }

    /// <summary>The transaction rolls back when disposed uncommitted; the refusal is all that remains.</summary>
    private static Reservation Refused(CounterRefusal refusal) => Reservation.Refused(refusal);

    public async Task<Completion> CompleteAsync(Order order, long entryId, long availableAfter, DateTime now, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Database.ExecuteSqlAsync(
                $"UPDATE orders SET status = {(int)OrderStatus.Completed}, ended_at = {now}, capture_entry_id = {entryId}, available_after = {availableAfter} WHERE id = {order.Id} AND status = {(int)OrderStatus.Pending}",
                ct);
            if (claimed == 0)
            {
                return Completion.NotPending;
            }

            var lines = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
            foreach (var line in lines)
            {
                await stock.TakeFromLotsAsync(order.SupermarketCode, line.Sku, line.Quantity, MovementKind.Redeemed, "Redeemed at the counter",
                    order.Id, order.Actor, order.Id, fromReserved: true, lotId: 0, ct);
            }

            // The redemption's one audit record goes with this, its last step.
            AuditCall.LastStepFollows();
            db.AddEvent(new GoodsRedeemed(Guid.NewGuid(), time.GetUtcNow(), order.Id, order.SupermarketCode, order.CounterCode,
                order.VillageCode, order.HouseholdNumber, order.Points,
                order.Lines.Select(l => new RedeemedLine(l.Sku, l.Quantity, l.Points)).ToList()));
            await db.SaveChangesAsync(ct);
            // The items (the SKUs' hot rows) last, so their locks are held only until the commit.
            foreach (var line in lines)
            {
                await stock.SettleItemAsync(order.SupermarketCode, line.Sku, line.Quantity, fromReserved: true, ct);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Completion.Completed;
        }
        catch (DomainException ex) when (ex.Reason == "NOT_ENOUGH_STOCK")
        {
            return Completion.StockShort;
        }
        catch (DomainException ex) when (ex.Reason == "STOCK_EXPIRED")
        {
            // Reserved before a lot's best-before date passed (or raced): the lots' take refused it.
            return Completion.StockExpired;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<bool> CancelAsync(string orderId, string reason, DateTime now, CancellationToken ct)
    {
        var text = reason.Length > 500 ? reason[..500] : reason;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"UPDATE orders SET status = {(int)OrderStatus.Cancelled}, ended_at = {now}, cancel_reason = {text} WHERE id = {orderId} AND status = {(int)OrderStatus.Pending}",
            ct);
        if (claimed == 0)
        {
            return false;
        }

        var order = (await FindAsync(orderId, ct))!;
        foreach (var line in order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            await stock.UnreserveAsync(order.SupermarketCode, line.Sku, line.Quantity, ct);
            if (line.LimitPeriod is { } period)
            {
                await ReleaseLimitAsync(order, line.Sku, period, line.Quantity, ct);
            }
        }

        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return true;
    }

    public Task<Order?> FindAsync(string orderId, CancellationToken ct) =>
        db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);

    /// <summary>Gives back units of a limit's usage (a cancel, or a return of limited goods).</summary>
    public Task<int> ReleaseLimitAsync(Order order, string sku, string period, int quantity, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE household_usage SET quantity = quantity - {quantity} WHERE supermarket_code = {order.SupermarketCode} AND sku = {sku} AND village_code = {order.VillageCode} AND household_number = {order.HouseholdNumber} AND period = {period} AND quantity >= {quantity}",
            ct);

    private async Task<bool> UseLimitAsync(Order order, OrderLine line, int limit, string period, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO household_usage (supermarket_code, sku, village_code, household_number, period, quantity)
            VALUES ({order.SupermarketCode}, {line.Sku}, {order.VillageCode}, {order.HouseholdNumber}, {period}, {line.Quantity})
            ON CONFLICT (supermarket_code, sku, village_code, household_number, period)
            DO UPDATE SET quantity = household_usage.quantity + excluded.quantity
            WHERE household_usage.quantity + excluded.quantity <= {limit}
            """, ct) == 1;
}
