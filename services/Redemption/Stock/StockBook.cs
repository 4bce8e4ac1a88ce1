using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Alerts;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Stock;

/// <summary>
/// Every change of stock goes through here, inside the caller's transaction: an append-only
/// movement per lot touched, the lot's and the item's running figures moved by conditional
/// updates, and the stock-low event written once per crossing of the threshold. Lots are changed
/// before their item, everywhere, so locks are always taken in one order; the item row (the SKU's
/// hot row) is locked last and its conditional update is what refuses taking too much.
/// A lot whose best-before date (a China day) has passed is never handed to a household: every
/// taking kind but write-off, stocktake and transfer skips it (<see cref="HandsOut"/>), and
/// reservations count only units of lots still good (decision 0016).
/// </summary>
internal sealed class StockBook(RedemptionDb db, TimeProvider time)
{
    public async Task<Item> ItemAsync(string supermarket, string sku, CancellationToken ct) =>
        await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.SupermarketCode == supermarket && i.Sku == sku, ct)
        ?? throw DomainException.NotFound("ITEM_NOT_FOUND", $"Supermarket {supermarket} has no item {sku}; define it in the goods catalogue first.",
            ("sku", sku));

    /// <summary>Puts a new lot into stock.</summary>
    public async Task<(StockLot Lot, StockMovement Movement)> ReceiveAsync(StockLot lot, MovementKind kind, string reason, string actor, CancellationToken ct)
    {
        lot.OnHand = lot.QuantityReceived;
        lot.ReceivedAt = time.GetUtcNow().UtcDateTime;
        db.Lots.Add(lot);
        await db.SaveChangesAsync(ct);
        var movement = Movement(lot.SupermarketCode, lot.Sku, lot.Id, kind, lot.QuantityReceived, reason, null, actor, lot.RequestId);
        await RaiseAsync(lot.SupermarketCode, lot.Sku, lot.QuantityReceived, ct);
        await db.SaveChangesAsync(ct);
        return (lot, movement);
    }

    /// <summary>
    /// Takes units out of stock, first-expiring lots first (or from one named lot). Units
    /// reserved by pending orders are only taken when <paramref name="fromReserved"/> (the
    /// order completing); otherwise only unreserved units can go.
    /// </summary>
    public async Task<List<StockMovement>> TakeAsync(
        string supermarket, string sku, long quantity, MovementKind kind, string reason, string? orderId,
        string actor, string requestId, bool fromReserved, long lotId, CancellationToken ct)
    {
        var movements = await TakeFromLotsAsync(supermarket, sku, quantity, kind, reason, orderId, actor, requestId, fromReserved, lotId, ct);
        await SettleAsync(supermarket, sku, quantity, fromReserved, HandsOut(kind), ct);
        return movements;
    }

    /// <summary>
    /// The lots' part of taking units: one movement per lot touched. Lots are always changed
    /// before their item (the item row is the SKU's hot row: it is locked last, just before the
    /// commit, and every path takes the locks in that order). The item's conditional update in
    /// <see cref="SettleItemAsync"/> is what refuses taking more than may be taken.
    /// </summary>
    public async Task<List<StockMovement>> TakeFromLotsAsync(
        string supermarket, string sku, long quantity, MovementKind kind, string reason, string? orderId,
        string actor, string requestId, bool fromReserved, long lotId, CancellationToken ct)
    {
        var handOut = HandsOut(kind);
        var today = Today;
        if (!fromReserved)
        {
            // A first look, without a lock, so an obvious refusal touches nothing.
            var item = await ItemAsync(supermarket, sku, ct);
            if (item.OnHand - item.Reserved < quantity)
            {
                throw NotEnough(item, quantity);
            }

            if (handOut && await GoodOnHandAsync(supermarket, sku, today, ct) - item.Reserved < quantity)
            {
                throw await ExpiredAsync(item, quantity, today, ct);
            }
        }

        var movements = new List<StockMovement>();
        if (lotId > 0)
        {
            var fromLot = handOut
                ? await db.Database.ExecuteSqlAsync(
                    $"UPDATE stock_lots SET on_hand = on_hand - {quantity} WHERE id = {lotId} AND supermarket_code = {supermarket} AND sku = {sku} AND on_hand >= {quantity} AND (best_before IS NULL OR best_before >= {today})", ct)
                : await db.Database.ExecuteSqlAsync(
                    $"UPDATE stock_lots SET on_hand = on_hand - {quantity} WHERE id = {lotId} AND supermarket_code = {supermarket} AND sku = {sku} AND on_hand >= {quantity}", ct);
            if (fromLot == 0)
            {
                var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId && l.SupermarketCode == supermarket && l.Sku == sku, ct)
                    ?? throw DomainException.NotFound("LOT_NOT_FOUND", $"Lot {lotId} is not a lot of {sku} at supermarket {supermarket}.",
                        ("lot_id", lotId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (handOut && lot.BestBefore < today)
                {
                    throw await ExpiredAsync(await ItemAsync(supermarket, sku, ct), quantity, today, ct);
                }

                throw DomainException.Precondition("NOT_ENOUGH_IN_LOT", $"Lot {lotId} of {sku} holds {lot.OnHand}; {quantity} were asked for.");
            }

            movements.Add(Movement(supermarket, sku, lotId, kind, -quantity, reason, orderId, actor, requestId));
            return movements;
        }

        var left = quantity;
        // A lot emptied by a concurrent taker between reading and updating is read again.
        for (var attempt = 0; attempt < 5 && left > 0; attempt++)
        {
            var lots = await db.Lots.AsNoTracking()
                .Where(l => l.SupermarketCode == supermarket && l.Sku == sku && l.OnHand > 0)
                .Where(l => !handOut || l.BestBefore == null || l.BestBefore >= today)
                .OrderBy(l => l.BestBefore == null).ThenBy(l => l.BestBefore).ThenBy(l => l.Id)
                .Select(l => new { l.Id, l.OnHand })
                .ToListAsync(ct);
            if (lots.Count == 0)
            {
                break;
            }

            foreach (var lot in lots)
            {
                var part = Math.Min(left, lot.OnHand);
                // The lot's date is checked again by the update itself: the hard guarantee that a
                // hand-out never takes an expired unit, whatever a reservation counted.
                var moved = handOut
                    ? await db.Database.ExecuteSqlAsync(
                        $"UPDATE stock_lots SET on_hand = on_hand - {part} WHERE id = {lot.Id} AND on_hand >= {part} AND (best_before IS NULL OR best_before >= {today})", ct)
                    : await db.Database.ExecuteSqlAsync(
                        $"UPDATE stock_lots SET on_hand = on_hand - {part} WHERE id = {lot.Id} AND on_hand >= {part}", ct);
                if (moved == 0)
                {
                    continue;
                }

                movements.Add(Movement(supermarket, sku, lot.Id, kind, -part, reason, orderId, actor, requestId));
                left -= part;
                if (left == 0)
                {
                    break;
                }
            }
        }

        if (left > 0)
        {
            var item = await ItemAsync(supermarket, sku, ct);
            throw handOut && await ExpiredOnHandAsync(supermarket, sku, today, ct) > 0
                ? await ExpiredAsync(item, quantity, today, ct)
                : NotEnough(item, quantity);
        }

        return movements;
    }

    /// <summary>The item's part of taking units: its running figures, checked, and the stock-low event.</summary>
    public Task SettleItemAsync(string supermarket, string sku, long quantity, bool fromReserved, CancellationToken ct) =>
        SettleAsync(supermarket, sku, quantity, fromReserved, handOut: false, ct);

    /// <summary>
    /// A hand-out that is not from a reservation must also leave the good units (of lots not
    /// expired, counted after its own take) covering what pending orders reserved: otherwise it
    /// would give away units the counter promised, leaving only expired ones for them.
    /// </summary>
    private async Task SettleAsync(string supermarket, string sku, long quantity, bool fromReserved, bool handOut, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(now);
        var level = (fromReserved
            ? await db.Database.SqlQuery<ItemLevel>(
                $"UPDATE items SET on_hand = on_hand - {quantity}, reserved = reserved - {quantity}, updated_at = {now} WHERE supermarket_code = {supermarket} AND sku = {sku} AND reserved >= {quantity} RETURNING on_hand, low_stock_threshold AS threshold, low")
                .ToListAsync(ct)
            : handOut
            ? await db.Database.SqlQuery<ItemLevel>(
                $"UPDATE items SET on_hand = on_hand - {quantity}, updated_at = {now} WHERE supermarket_code = {supermarket} AND sku = {sku} AND on_hand - reserved >= {quantity} AND (SELECT coalesce(sum(g.on_hand), 0) FROM stock_lots g WHERE g.supermarket_code = {supermarket} AND g.sku = {sku} AND (g.best_before IS NULL OR g.best_before >= {today})) >= reserved RETURNING on_hand, low_stock_threshold AS threshold, low")
                .ToListAsync(ct)
            : await db.Database.SqlQuery<ItemLevel>(
                $"UPDATE items SET on_hand = on_hand - {quantity}, updated_at = {now} WHERE supermarket_code = {supermarket} AND sku = {sku} AND on_hand - reserved >= {quantity} RETURNING on_hand, low_stock_threshold AS threshold, low")
                .ToListAsync(ct)).FirstOrDefault();
        if (level is null)
        {
            throw NotEnough(await ItemAsync(supermarket, sku, ct), quantity);
        }

        if (!level.Low && level.Threshold > 0 && level.OnHand < level.Threshold)
        {
            await LowerAsync(supermarket, sku, ct);
        }
    }

    /// <summary>
    /// Writes off every lot of the supermarket past its best-before date, SKU by SKU in SKU order,
    /// each SKU's lots before its item. Each lot is emptied by a conditional update on the units
    /// read (a concurrent stocktake or transfer may have moved some: the lot is read again); the
    /// counter never takes from these lots, so it cannot race them.
    /// </summary>
    public async Task<List<(StockLot Lot, StockMovement Movement)>> WriteOffExpiredAsync(string supermarket, string reason, string actor, string requestId, CancellationToken ct)
    {
        var today = Today;
        var written = new List<(StockLot Lot, StockMovement Movement)>();
        var expired = await db.Lots.AsNoTracking()
            .Where(l => l.SupermarketCode == supermarket && l.OnHand > 0 && l.BestBefore < today)
            .ToListAsync(ct);
        foreach (var bySku in expired.GroupBy(l => l.Sku).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            long total = 0;
            foreach (var seen in bySku.OrderBy(l => l.BestBefore).ThenBy(l => l.Id))
            {
                var lot = seen;
                for (var attempt = 0; attempt < 5 && lot.OnHand > 0; attempt++)
                {
                    var units = lot.OnHand;
                    if (await db.Database.ExecuteSqlAsync($"UPDATE stock_lots SET on_hand = 0 WHERE id = {lot.Id} AND on_hand = {units}", ct) == 1)
                    {
                        written.Add((lot, Movement(supermarket, lot.Sku, lot.Id, MovementKind.WrittenOff, -units, reason, null, actor, requestId)));
                        total += units;
                        break;
                    }

                    lot = await db.Lots.AsNoTracking().FirstAsync(l => l.Id == seen.Id, ct);
                }
            }

            if (total > 0)
            {
                await SettleAsync(supermarket, bySku.Key, total, fromReserved: false, handOut: false, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return written;
    }

    /// <summary>Puts units back into a lot that already exists (a return).</summary>
    public async Task<StockMovement> PutBackAsync(long lotId, string supermarket, string sku, long quantity, MovementKind kind, string reason,
        string? orderId, string actor, string requestId, CancellationToken ct)
    {
        // Lot before item, as everywhere.
        await db.Database.ExecuteSqlAsync($"UPDATE stock_lots SET on_hand = on_hand + {quantity} WHERE id = {lotId}", ct);
        await RaiseAsync(supermarket, sku, quantity, ct);
        return Movement(supermarket, sku, lotId, kind, quantity, reason, orderId, actor, requestId);
    }

    /// <summary>
    /// Reserves units for a pending order. Expired units are still on hand until written off, so
    /// the reservation counts only units of lots still good today; the take at completion checks
    /// each lot's date again, so even a raced reservation never hands out an expired unit.
    /// </summary>
    public Task<int> ReserveAsync(string supermarket, string sku, long quantity, CancellationToken ct)
    {
        var today = Today;
        return db.Database.ExecuteSqlAsync(
            $"UPDATE items SET reserved = reserved + {quantity} WHERE supermarket_code = {supermarket} AND sku = {sku} AND active AND on_hand - reserved >= {quantity} AND (SELECT coalesce(sum(g.on_hand), 0) FROM stock_lots g WHERE g.supermarket_code = {supermarket} AND g.sku = {sku} AND (g.best_before IS NULL OR g.best_before >= {today})) - reserved >= {quantity}", ct);
    }

    /// <summary>The China day of the book's clock: a lot whose best-before date is earlier has expired.</summary>
    public DateOnly Today => ChinaTime.Today(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Whether units taken with this kind go to a household. Only write-offs, stocktakes and
    /// transfers may touch expired lots; every other kind (the counter, gift runs, any added
    /// later) skips them, so a new hand-out kind is safe without being listed here.
    /// </summary>
    public static bool HandsOut(MovementKind kind) => kind is not (MovementKind.WrittenOff or MovementKind.Counted or MovementKind.TransferredOut);

    /// <summary>Units on hand in lots not expired on <paramref name="today"/>.</summary>
    public Task<long> GoodOnHandAsync(string supermarket, string sku, DateOnly today, CancellationToken ct) =>
        db.Lots.Where(l => l.SupermarketCode == supermarket && l.Sku == sku && (l.BestBefore == null || l.BestBefore >= today))
            .SumAsync(l => l.OnHand, ct);

    private Task<long> ExpiredOnHandAsync(string supermarket, string sku, DateOnly today, CancellationToken ct) =>
        db.Lots.Where(l => l.SupermarketCode == supermarket && l.Sku == sku && l.BestBefore < today).SumAsync(l => l.OnHand, ct);

    /// <summary>The latest best-before date among a SKU's expired lots that still hold units, if any.</summary>
    public Task<DateOnly?> LatestExpiredAsync(string supermarket, string sku, DateOnly today, CancellationToken ct) =>
        db.Lots.Where(l => l.SupermarketCode == supermarket && l.Sku == sku && l.OnHand > 0 && l.BestBefore < today)
            .MaxAsync(l => l.BestBefore, ct);

    /// <summary>The refusal of a hand-out only expired units could have served; it names their date.</summary>
    private async Task<DomainException> ExpiredAsync(Item item, long quantity, DateOnly today, CancellationToken ct)
    {
        var good = Math.Max(0, await GoodOnHandAsync(item.SupermarketCode, item.Sku, today, ct) - item.Reserved);
        var expired = await LatestExpiredAsync(item.SupermarketCode, item.Sku, today, ct);
        return expired is { } day ? StockExpired(item, quantity, good, day) : NotEnough(item, quantity);
    }

    /// <summary>STOCK_EXPIRED: the units that could serve are past their best-before date (metadata sku, best_before, available).</summary>
    public static DomainException StockExpired(Item item, long quantity, long available, DateOnly bestBefore) => DomainException.Precondition("STOCK_EXPIRED",
        $"{item.Name} ({item.Sku}): the units on the shelf passed their best-before date {bestBefore:yyyy-MM-dd} and are not handed out; {available} good {item.Unit} can be had, {quantity} were asked for. Write the expired lot off.",
        ("sku", item.Sku), ("best_before", bestBefore.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        ("available", available.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public Task<int> UnreserveAsync(string supermarket, string sku, long quantity, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE items SET reserved = reserved - {quantity} WHERE supermarket_code = {supermarket} AND sku = {sku} AND reserved >= {quantity}", ct);

    private async Task RaiseAsync(string supermarket, string sku, long quantity, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE items SET on_hand = on_hand + {quantity}, updated_at = {now} WHERE supermarket_code = {supermarket} AND sku = {sku}", ct);
        // Back at or above the threshold: the next fall below it is news again, and the
        // supermarket's low-stock alert for the SKU is cleared.
        var recovered = await db.Database.ExecuteSqlAsync(
            $"UPDATE items SET low = FALSE WHERE supermarket_code = {supermarket} AND sku = {sku} AND low AND on_hand >= low_stock_threshold", ct);
        if (recovered == 1)
        {
            await AlertBook.ClearLowAsync(db, supermarket, sku, now, ct);
        }
    }

    private async Task LowerAsync(string supermarket, string sku, CancellationToken ct)
    {
        var crossed = await db.Database.ExecuteSqlAsync(
            $"UPDATE items SET low = TRUE WHERE supermarket_code = {supermarket} AND sku = {sku} AND NOT low AND low_stock_threshold > 0 AND on_hand < low_stock_threshold", ct);
        if (crossed == 1)
        {
            var item = await db.Items.AsNoTracking().FirstAsync(i => i.SupermarketCode == supermarket && i.Sku == sku, ct);
            db.AddEvent(new StockLow(Guid.NewGuid(), time.GetUtcNow(), supermarket, sku, item.Name, item.OnHand, item.LowStockThreshold));
        }
    }

    /// <summary>
    /// An item's figures after a change, read back by the same statement. SqlQuery maps its
    /// columns by the model's snake_case naming: on_hand, threshold, low.
    /// </summary>
    private sealed record ItemLevel(long OnHand, int Threshold, bool Low);

    public static DomainException NotEnough(Item item, long quantity) => DomainException.Precondition("NOT_ENOUGH_STOCK",
        $"{item.Name} ({item.Sku}): {Math.Max(0, item.OnHand - item.Reserved)} can be taken ({item.OnHand} on hand, {item.Reserved} reserved by pending orders); {quantity} were asked for.",
        ("sku", item.Sku));

    private StockMovement Movement(string supermarket, string sku, long lotId, MovementKind kind, long quantity, string reason,
        string? orderId, string actor, string requestId)
    {
        var movement = new StockMovement
        {
            SupermarketCode = supermarket,
            Sku = sku,
            LotId = lotId,
            Kind = kind,
            Quantity = quantity,
            Reason = reason,
            OrderId = orderId,
            Actor = actor,
            At = time.GetUtcNow().UtcDateTime,
            RequestId = requestId,
        };
        db.Movements.Add(movement);
        return movement;
    }
}
