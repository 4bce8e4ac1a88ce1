using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Alerts;

/// <summary>
/// A supermarket's open stock alerts. Low stock is recorded (from the StockLow event) and cleared
/// when received stock brings the item back; expiry is worked out from the lots when asked
/// (decision 0016): a lot emptied or written off is no longer listed, and the clock alone moves a
/// lot into the window, with no sweep to run or to fall behind.
/// </summary>
internal static class AlertBook
{
    public static Task<int> ClearLowAsync(RedemptionDb db, string supermarket, string sku, DateTime now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"UPDATE stock_alerts SET cleared_at = {now} WHERE supermarket_code = {supermarket} AND sku = {sku} AND kind = {(int)StockAlertKind.LowStock} AND cleared_at IS NULL",
            ct);

    public static async Task<List<Api.StockAlert>> OpenAsync(RedemptionDb db, string supermarket, DateOnly today, int daysAhead, CancellationToken ct)
    {
        // The item's low flag is the truth: an alert recorded just as a delivery cleared it is not shown.
        var low = await db.StockAlerts.AsNoTracking()
            .Where(a => a.SupermarketCode == supermarket && a.Kind == StockAlertKind.LowStock && a.ClearedAt == null)
            .Join(db.Items.AsNoTracking().Where(i => i.Low), a => new { a.SupermarketCode, a.Sku }, i => new { i.SupermarketCode, i.Sku },
                (a, i) => new { Alert = a, i.Name, i.Unit, i.OnHand, i.LowStockThreshold })
            .ToListAsync(ct);
        var alerts = low.OrderBy(x => x.Alert.Sku, StringComparer.Ordinal).Select(x => new Api.StockAlert
        {
            Kind = Api.StockAlertKind.LowStock,
            Sku = x.Alert.Sku,
            Name = x.Name,
            Unit = x.Unit,
            OnHand = x.OnHand,
            Threshold = x.LowStockThreshold,
            Since = Receipts.Stamp(x.Alert.RaisedAt),
        }).ToList();
        foreach (var lot in await ExpiringLots.ReadAsync(db, supermarket, today, daysAhead, ct))
        {
            var bestBefore = DateOnly.ParseExact(lot.BestBefore, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            alerts.Add(new Api.StockAlert
            {
                Kind = lot.Expired ? Api.StockAlertKind.Expired : Api.StockAlertKind.NearExpiry,
                Sku = lot.Sku,
                Name = lot.Name,
                Unit = lot.Unit,
                OnHand = lot.OnHand,
                LotId = lot.LotId,
                BestBefore = lot.BestBefore,
                DaysLeft = lot.DaysLeft,
                ValueFen = lot.ValueFen,
                Since = Receipts.Stamp(ChinaTime.StartOfDayUtc(lot.Expired ? bestBefore.AddDays(1) : bestBefore.AddDays(-daysAhead))),
            });
        }

        return alerts;
    }
}
