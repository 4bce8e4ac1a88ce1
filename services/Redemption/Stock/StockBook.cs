using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
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
        await SettleItemAsync(supermarket, sku, quantity, fromReserved, ct);
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
        if (!fromReserved)
        {
            // A first look, without a lock, so an obvious refusal touches nothing.
            var item = await ItemAsync(supermarket, sku, ct);
            if (item.OnHand - item.Reserved < quantity)
            {
                throw NotEnough(item, quantity);
            }
        }

        var movements = new List<StockMovement>();
        if (lotId > 0)
        {
            var fromLot = await db.Database.ExecuteSqlAsync(
                $"UPDATE stock_lots SET on_hand = on_hand - {quantity} WHERE id = {lotId} AND supermarket_code = {supermarket} AND sku = {sku} AND on_hand >= {quantity}", ct);
            if (fromLot == 0)
            {
                var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId && l.SupermarketCode == supermarket && l.Sku == sku, ct)
                    ?? throw DomainException.NotFound("LOT_NOT_FOUND", $"Lot {lotId} is not a lot of {sku} at supermarket {supermarket}.",
                        ("lot_id", lotId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
                var moved = await db.Database.ExecuteSqlAsync(
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
            throw NotEnough(await ItemAsync(supermarket, sku, ct), quantity);
        }

        return movements;
    }

    /// <summary>The item's part of taking units: its running figures, checked, and the stock-low event.</summary>
    public async Task SettleItemAsync(string supermarket, string sku, long quantity, bool fromReserved, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var level = (fromReserved
            ? await db.Database.SqlQuery<ItemLevel>(
                $"UPDATE items SET on_hand = on_hand - {quantity}, reserved = reserved - {quantity}, updated_at = {now} WHERE supermarket_code = {supermarket} AND sku = {sku} AND reserved >= {quantity} RETURNING on_hand, low_stock_threshold AS threshold, low")
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

    /// <summary>Puts units back into a lot that already exists (a return).</summary>
    public async Task<StockMovement> PutBackAsync(long lotId, string supermarket, string sku, long quantity, MovementKind kind, string reason,
        string? orderId, string actor, string requestId, CancellationToken ct)
    {
        // Lot before item, as everywhere.
        await db.Database.ExecuteSqlAsync($"UPDATE stock_lots SET on_hand = on_hand + {quantity} WHERE id = {lotId}", ct);
        await RaiseAsync(supermarket, sku, quantity, ct);
        return Movement(supermarket, sku, lotId, kind, quantity, reason, orderId, actor, requestId);
    }

    public Task<int> ReserveAsync(string supermarket, string sku, long quantity, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE items SET reserved = reserved + {quantity} WHERE supermarket_code = {supermarket} AND sku = {sku} AND active AND on_hand - reserved >= {quantity}", ct);

    public Task<int> UnreserveAsync(string supermarket, string sku, long quantity, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE items SET reserved = reserved - {quantity} WHERE supermarket_code = {supermarket} AND sku = {sku} AND reserved >= {quantity}", ct);

    private async Task RaiseAsync(string supermarket, string sku, long quantity, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE items SET on_hand = on_hand + {quantity}, updated_at = {now} WHERE supermarket_code = {supermarket} AND sku = {sku}", ct);
        // Back at or above the threshold: the next fall below it is news again.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE items SET low = FALSE WHERE supermarket_code = {supermarket} AND sku = {sku} AND low AND on_hand >= low_stock_threshold", ct);
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
