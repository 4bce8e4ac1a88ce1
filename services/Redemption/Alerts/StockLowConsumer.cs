using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Alerts;

/// <summary>
/// Records a supermarket's low-stock alert when an item falls below its threshold. Once per
/// event (the inbox), one open alert per SKU, and none when received stock has already brought
/// the item back (the event may arrive after the delivery that cleared it).
/// </summary>
internal sealed class StockLowConsumer(RedemptionDb db, TimeProvider time, ILogger<StockLowConsumer> logger) : IConsumer<StockLow>
{
    public async Task Consume(ConsumeContext<StockLow> context)
    {
        var evt = context.Message;
        var recorded = false;
        var handled = await db.HandleOnceAsync(evt.EventId, nameof(StockLowConsumer), async ct =>
        {
            var stillLow = await db.Items.AsNoTracking().AnyAsync(i => i.SupermarketCode == evt.SupermarketCode && i.Sku == evt.Sku && i.Low, ct);
            var open = await db.StockAlerts.AsNoTracking().AnyAsync(a => a.SupermarketCode == evt.SupermarketCode && a.Sku == evt.Sku
                && a.Kind == StockAlertKind.LowStock && a.ClearedAt == null, ct);
            if (stillLow && !open)
            {
                db.StockAlerts.Add(new StockAlert
                {
                    SupermarketCode = evt.SupermarketCode, Sku = evt.Sku, Kind = StockAlertKind.LowStock, Name = evt.Name,
                    OnHand = evt.OnHand, Threshold = evt.Threshold, RaisedAt = evt.OccurredAt.UtcDateTime, EventId = evt.EventId,
                });
                recorded = true;
            }
        }, time, context.CancellationToken);
        logger.LogDebug("Stock low {EventId} ({Supermarket} {Sku}): {Outcome}", evt.EventId, evt.SupermarketCode, evt.Sku,
            !handled ? "already handled" : recorded ? "alert recorded" : "no longer low, or already alerted");
    }
}
