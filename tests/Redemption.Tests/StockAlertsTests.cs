using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Events;
using Platform.Contracts.Redemption.V1;
using Platform.Redemption.Data;
using Platform.Testing;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>
/// A supermarket's stock alerts on the embedded host: the stock-low event reaches its consumer
/// (the in-memory bus) and makes an alert, received stock clears it, an event handled twice makes
/// one alert; expiring and expired lots are listed while they hold units.
/// SM1's zongzi: 8 on hand, low below 5, good until 2026-12-01; the clock at 2026-11-13.
/// </summary>
public sealed class StockAlertsTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private StockAlerts.StockAlertsClient Alerts => new(host.App.Channel);

    [Fact]
    public async Task Falling_below_the_threshold_raises_an_alert_that_received_stock_clears()
    {
        await host.RedeemAsync("low-1", "004", ("ZONGZI", 5));   // 8 → 3: below 5

        await Poller.UntilAsync(async () => (await LowAsync()).Count == 1, "the stock-low event makes an alert");
        var alert = (await LowAsync()).Single();
        Assert.Equal(("ZONGZI", "Zongzi", 3L, 5), (alert.Sku, alert.Name, alert.OnHand, alert.Threshold));
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, alert.Since.ToDateTime(), TimeSpan.FromSeconds(1));

        // One unit in does not bring it back to 5; a second one does.
        await ReceiveAsync(1);
        Assert.Equal(4, Assert.Single(await LowAsync()).OnHand);
        await ReceiveAsync(1);
        Assert.Empty(await LowAsync());
        Assert.Equal(0, await OpenRowsAsync());
    }

    [Fact]
    public async Task The_same_stock_low_event_handled_twice_makes_one_alert_even_after_it_was_cleared()
    {
        await host.RedeemAsync("low-2", "004", ("ZONGZI", 4));
        await Poller.UntilAsync(async () => (await LowAsync()).Count == 1, "the stock-low event makes an alert");
        var evt = await EventAsync();

        // Delivered again at once: still one alert, the event handled once.
        await PublishAsync(evt, evt);
        Assert.Single(await LowAsync());

        // Cleared by a delivery, the SKU low again by a stocktake's correction that wrote no event:
        // the old event delivered once more must not raise it again.
        await ReceiveAsync(5);
        Assert.Empty(await LowAsync());
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RedemptionDb>().Database
                .ExecuteSqlRawAsync("UPDATE items SET low = 1 WHERE supermarket_code = 'SM1' AND sku = 'ZONGZI'");
        }

        await PublishAsync(evt);
        Assert.Empty(await LowAsync());
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<RedemptionDb>();
            Assert.Equal(1, await db.StockAlerts.CountAsync());
            Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.MessageId == evt.EventId));
        }
    }

    [Fact]
    public async Task Expiring_and_expired_lots_are_alerts_until_they_are_emptied_or_written_off()
    {
        var expired = await ReceiveAsync(3, "2026-11-12");
        var soon = await ReceiveAsync(2, "2026-11-16");

        var alerts = (await Alerts.ListStockAlertsAsync(new ListStockAlertsRequest { SupermarketCode = "SM1" })).Alerts;
        Assert.Equal([(StockAlertKind.Expired, expired.Id, -1), (StockAlertKind.NearExpiry, soon.Id, 3)],
            alerts.Select(a => (a.Kind, a.LotId, a.DaysLeft)));
        // Near expiry since the start of the China day 7 days before its date: 2026-11-09 00:00 (UTC+8).
        Assert.Equal(new DateTime(2026, 11, 8, 16, 0, 0, DateTimeKind.Utc), alerts[1].Since.ToDateTime());
        var wider = await Alerts.ListStockAlertsAsync(new ListStockAlertsRequest { SupermarketCode = "SM1", NearExpiryDays = 30 });
        Assert.Contains(wider.Alerts, a => a.Kind == StockAlertKind.NearExpiry && a.BestBefore == "2026-12-01");

        await host.Stock.WriteOffExpiredAsync(new WriteOffExpiredRequest { IdempotencyKey = host.Key(), SupermarketCode = "SM1", Actor = "clerk Zhou Hong" });
        await host.RedeemAsync("soon-1", "004", ("ZONGZI", 2));   // the lot expiring first goes first: emptied

        Assert.Empty((await Alerts.ListStockAlertsAsync(new ListStockAlertsRequest { SupermarketCode = "SM1" })).Alerts);
    }

    [Fact]
    public async Task A_supermarket_chooses_how_many_days_ahead_a_lot_is_near_expiry()
    {
        Assert.Empty((await Alerts.ListStockAlertsAsync(new ListStockAlertsRequest { SupermarketCode = "SM1" })).Alerts);

        var request = new SetNearExpiryDaysRequest { IdempotencyKey = "days-1", SupermarketCode = "SM1", Days = 30, Actor = "clerk Zhou Hong" };
        var set = await Alerts.SetNearExpiryDaysAsync(request);
        Assert.Equal(set, await Alerts.SetNearExpiryDaysAsync(request));

        var alerts = await Alerts.ListStockAlertsAsync(new ListStockAlertsRequest { SupermarketCode = "SM1" });
        Assert.Equal(30, alerts.NearExpiryDays);
        var zongzi = Assert.Single(alerts.Alerts);
        Assert.Equal((StockAlertKind.NearExpiry, "ZONGZI", "2026-12-01", 18, 8L), (zongzi.Kind, zongzi.Sku, zongzi.BestBefore, zongzi.DaysLeft, zongzi.OnHand));
        // The caller may still look further or nearer for once.
        Assert.Empty((await Alerts.ListStockAlertsAsync(new ListStockAlertsRequest { SupermarketCode = "SM1", NearExpiryDays = 7 })).Alerts);

        await RpcAssert.RefusedAsync(Grpc.Core.StatusCode.InvalidArgument, "DAYS_AHEAD_INVALID", () => Alerts.SetNearExpiryDaysAsync(
            new SetNearExpiryDaysRequest { IdempotencyKey = "days-2", SupermarketCode = "SM1", Days = -1, Actor = "clerk Zhou Hong" }).ResponseAsync);
        await RpcAssert.RefusedAsync(Grpc.Core.StatusCode.NotFound, "SUPERMARKET_NOT_FOUND", () => Alerts.ListStockAlertsAsync(
            new ListStockAlertsRequest { SupermarketCode = "SM9" }).ResponseAsync);
    }

    private async Task<List<StockAlert>> LowAsync() =>
        (await Alerts.ListStockAlertsAsync(new ListStockAlertsRequest { SupermarketCode = "SM1" })).Alerts
            .Where(a => a.Kind == StockAlertKind.LowStock).ToList();

    private async Task<Lot> ReceiveAsync(long quantity, string bestBefore = "2026-12-20") =>
        await host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = host.Key("zongzi"), SupermarketCode = "SM1", Sku = "ZONGZI", Quantity = quantity, DonorName = "Li Guohua",
            DonorKind = DonorKind.Individual, ValueFen = quantity * 1_000, BestBefore = bestBefore, Actor = "clerk Zhou Hong",
        });

    private async Task<int> OpenRowsAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RedemptionDb>().StockAlerts.CountAsync(a => a.ClearedAt == null);
    }

    /// <summary>The stock-low event the counter wrote to the outbox.</summary>
    private async Task<StockLow> EventAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RedemptionDb>();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type.Contains("StockLow"));
        return System.Text.Json.JsonSerializer.Deserialize<StockLow>(row.Payload, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
    }

    /// <summary>Publishes the events on the in-memory bus and waits until the consumer has finished with each.</summary>
    private async Task PublishAsync(params StockLow[] events)
    {
        var bus = host.App.Services.GetRequiredService<IBus>();
        var seen = new ConsumedCount();
        using var handle = bus.ConnectConsumeObserver(seen);
        await Task.WhenAll(events.Select(e => bus.Publish(e)));
        await Poller.UntilAsync(() => seen.Count >= events.Length, $"the consumer handles {events.Length} deliveries");
    }

    /// <summary>Counts the stock-low deliveries the consumer finished (handled or found already handled).</summary>
    private sealed class ConsumedCount : IConsumeObserver
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is StockLow)
            {
                Interlocked.Increment(ref count);
            }

            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }
}
