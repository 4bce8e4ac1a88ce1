using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Goods;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Orders;

/// <summary>
/// The local steps of a redemption, apart from the flow in Redemptions.cs: the try step on the EF
/// path (order, limits, reservations; on PostgreSQL <see cref="PostgresCounter"/> takes it), the
/// complete step (stock taken and event written; one statement on PostgreSQL) and cancel (EF on
/// both providers), each once per order whoever calls it.
/// </summary>
internal sealed partial class Redemptions
{
    private async Task TryAsync(Order order, Dictionary<string, Item> items, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        // Rows are always locked in SKU order, so two orders sharing items cannot deadlock.
        foreach (var line in order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            var item = items[line.Sku];
            if (line.LimitPeriod is { } period && !await UseLimitAsync(order, line, item.LimitPerHousehold, period, ct))
            {
                throw await LimitReachedAsync(order, line, item, period, ct);
            }
        }

        foreach (var line in order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            if (await stock.ReserveAsync(order.SupermarketCode, line.Sku, line.Quantity, ct) == 0)
            {
                throw await OutOfStockAsync(order, line, ct);
            }
        }

        await transaction.CommitAsync(ct);
    }

    private async Task<DomainException> LimitReachedAsync(Order order, OrderLine line, Item item, string period, CancellationToken ct)
    {
        var used = await db.Usage.AsNoTracking()
            .Where(u => u.SupermarketCode == order.SupermarketCode && u.Sku == line.Sku && u.VillageCode == order.VillageCode
                && u.HouseholdNumber == order.HouseholdNumber && u.Period == period)
            .Select(u => u.Quantity).FirstOrDefaultAsync(ct);
        return DomainException.Precondition("LIMIT_REACHED",
            $"Line {line.LineNumber}: {item.Name} is limited to {item.LimitPerHousehold} per household per {RedemptionRules.PeriodWord(item.LimitPeriod)}; household {order.HouseholdNumber} has had {used} in {period}, so {Math.Max(0, item.LimitPerHousehold - used)} more can go.",
            LineContext(line));
    }

    private async Task<DomainException> OutOfStockAsync(Order order, OrderLine line, CancellationToken ct)
    {
        var now = await db.Items.AsNoTracking().FirstAsync(i => i.SupermarketCode == order.SupermarketCode && i.Sku == line.Sku, ct);
        return now.Active
            ? DomainException.Precondition("OUT_OF_STOCK",
                $"Line {line.LineNumber}: only {Math.Max(0, now.OnHand - now.Reserved)} {now.Unit} of {now.Name} can be had now; {line.Quantity} were asked for.",
                LineContext(line))
            : DomainException.Precondition("ITEM_RETIRED", $"Line {line.LineNumber}: {now.Name} ({now.Sku}) was just retired.", LineContext(line));
    }

    private async Task<bool> UseLimitAsync(Order order, OrderLine line, int limit, string period, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO household_usage (supermarket_code, sku, village_code, household_number, period, quantity)
            VALUES ({order.SupermarketCode}, {line.Sku}, {order.VillageCode}, {order.HouseholdNumber}, {period}, {line.Quantity})
            ON CONFLICT (supermarket_code, sku, village_code, household_number, period)
            DO UPDATE SET quantity = household_usage.quantity + excluded.quantity
            WHERE household_usage.quantity + excluded.quantity <= {limit}
            """, ct) == 1;

    /// <summary>Marks the order done and consumes its reserved stock, once.</summary>
    private async Task<Order> CompleteAsync(Order order, long entryId, long availableAfter, CancellationToken ct)
    {
        var orderId = order.Id;
        var now = time.GetUtcNow().UtcDateTime;
        if (postgres is not null)
        {
            switch (await postgres.CompleteAsync(order, entryId, availableAfter, now, ct))
            {
                case true:
                    // The committed state, without reading it back.
                    order.Status = OrderStatus.Completed;
                    order.EndedAt = now;
                    order.CaptureEntryId = entryId;
                    order.AvailableAfter = availableAfter;
                    return order;
                case null:
                    var line = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).First();
                    throw StockBook.NotEnough(await stock.ItemAsync(order.SupermarketCode, line.Sku, ct), line.Quantity);
            }

            return await SettledAsync(orderId, ct);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await db.Database.ExecuteSqlAsync(
                $"UPDATE orders SET status = {(int)OrderStatus.Completed}, ended_at = {now}, capture_entry_id = {entryId}, available_after = {availableAfter} WHERE id = {orderId} AND status = {(int)OrderStatus.Pending}",
                ct);
            if (claimed == 1)
            {
                var lines = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToList();
                foreach (var line in lines)
                {
                    await stock.TakeFromLotsAsync(order.SupermarketCode, line.Sku, line.Quantity, MovementKind.Redeemed, "Redeemed at the counter",
                        order.Id, order.Actor, order.Id, fromReserved: true, lotId: 0, ct);
                }

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
                db.ChangeTracker.Clear();
                // The committed state, without reading it back.
                order.Status = OrderStatus.Completed;
                order.EndedAt = now;
                order.CaptureEntryId = entryId;
                order.AvailableAfter = availableAfter;
                return order;
            }
        }

        db.ChangeTracker.Clear();
        return await SettledAsync(orderId, ct);
    }

    /// <summary>An order another call moved out of pending first, as it now stands.</summary>
    private async Task<Order> SettledAsync(string orderId, CancellationToken ct)
    {
        var settled = (await FindAsync(orderId, ct))!;
        if (settled.Status == OrderStatus.Cancelled)
        {
            // Only possible if recovery gave up on a hold that then arrived late and was captured:
            // give the points back rather than keep them without goods.
            log.LogError("Order {OrderId} was cancelled but its hold was captured; refunding the points.", orderId);
            try
            {
                await scoring.RefundAsync($"cancelled-order:{orderId}", orderId, settled.Points, "redemption", "Order cancelled after its points were captured", ct);
            }
            catch (RpcException ex)
            {
                log.LogError("Refund of cancelled order {OrderId} failed ({Status}); settle it by hand.", orderId, ex.StatusCode);
            }
        }

        return settled;
    }

    /// <summary>Cancels a pending order and gives back its reserved stock and limits, once.</summary>
    private async Task CancelAsync(string orderId, string reason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var text = reason.Length > 500 ? reason[..500] : reason;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"UPDATE orders SET status = {(int)OrderStatus.Cancelled}, ended_at = {now}, cancel_reason = {text} WHERE id = {orderId} AND status = {(int)OrderStatus.Pending}",
            ct);
        if (claimed == 0)
        {
            return;
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
    }

    public Task<int> ReleaseLimitAsync(Order order, string sku, string period, int quantity, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE household_usage SET quantity = quantity - {quantity} WHERE supermarket_code = {order.SupermarketCode} AND sku = {sku} AND village_code = {order.VillageCode} AND household_number = {order.HouseholdNumber} AND period = {period} AND quantity >= {quantity}",
            ct);
}
