using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>
/// Expired goods through the API on the embedded host: the counter passes over them or refuses
/// naming their date, the near-expiry report lists them, and one keyed call writes them off.
/// The host's clock stands at 2026-11-13 China time; SM1's zongzi (8) are good until 2026-12-01.
/// </summary>
public sealed class ExpiredGoodsTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_counter_falls_back_past_an_expired_lot_to_the_next_one_expiring()
    {
        var expired = await ReceiveAsync("ZONGZI", 4, "2026-11-12");
        var soon = await ReceiveAsync("ZONGZI", 2, "2026-11-20");

        var receipt = await host.RedeemAsync("fallback-1", "004", ("ZONGZI", 3));

        Assert.Equal(OrderStatus.Completed, receipt.Status);
        var township = (await host.Stock.ListExpiringLotsAsync(new ListExpiringLotsRequest { SupermarketCode = "SM1", DaysAhead = 30 }))
            .Lots.Single(l => l.BestBefore == "2026-12-01").LotId;
        // 2 from the lot expiring first among the good ones, then 1 from the next; none from the expired lot.
        Assert.Equal([(soon.Id, -2L), (township, -1L)], await RedeemedAsync("ZONGZI", "fallback-1"));
        Assert.NotEqual(expired.Id, township);
        Assert.Equal(11, (await host.ItemAsync("ZONGZI")).OnHand);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task Only_expired_units_left_are_refused_with_a_reason_naming_their_best_before_date()
    {
        await host.Goods.DefineItemAsync(new DefineItemRequest
        {
            IdempotencyKey = host.Key(), SupermarketCode = "SM1", Sku = "MILK", Name = "Milk", Unit = "box", PricePoints = 5, Actor = "clerk Zhou Hong",
        });
        await ReceiveAsync("MILK", 6, "2026-11-10");
        await ReceiveAsync("MILK", 2, "2026-11-12");

        var refused = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "STOCK_EXPIRED",
            () => host.RedeemAsync("expired-1", "004", ("MILK", 1)));
        var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(("MILK", "2026-11-12", "0", "1"), (info.Metadata["sku"], info.Metadata["best_before"], info.Metadata["available"], info.Metadata["line"]));
        Assert.Contains("2026-11-12", refused.Status.Detail);

        // Nothing was spent or reserved.
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("004"));
        Assert.Equal((8L, 0L), ((await host.ItemAsync("MILK")).OnHand, (await host.ItemAsync("MILK")).Reserved));

        // Two good ones arrive: two can be had, three still cannot.
        await ReceiveAsync("MILK", 2, "2026-11-30");
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "STOCK_EXPIRED", () => host.RedeemAsync("expired-2", "004", ("MILK", 3)));
        Assert.Equal(OrderStatus.Completed, (await host.RedeemAsync("expired-3", "004", ("MILK", 2))).Status);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task The_near_expiry_report_lists_expired_lots_first_then_those_expiring_within_the_days_chosen()
    {
        var expired = await ReceiveAsync("ZONGZI", 4, "2026-11-12", valueFen: 2_000);
        var soon = await ReceiveAsync("RICE", 5, "2026-11-19", valueFen: 2_500);

        var week = await host.Stock.ListExpiringLotsAsync(new ListExpiringLotsRequest { SupermarketCode = "SM1" });

        Assert.Equal(("2026-11-13", 7), (week.Today, week.DaysAhead));
        Assert.Equal([(expired.Id, true, -1, 4L, 2_000L), (soon.Id, false, 6, 5L, 2_500L)],
            week.Lots.Select(l => (l.LotId, l.Expired, l.DaysLeft, l.OnHand, l.ValueFen)));
        Assert.Equal((4L, 2_000L, 5L, 2_500L), (week.ExpiredUnits, week.ExpiredValueFen, week.ExpiringUnits, week.ExpiringValueFen));
        Assert.Equal("Zongzi", week.Lots[0].Name);

        // Thirty days ahead also reach the township's zongzi (2026-12-01, 8 worth 8,000 fen).
        var month = await host.Stock.ListExpiringLotsAsync(new ListExpiringLotsRequest { SupermarketCode = "SM1", DaysAhead = 30 });
        Assert.Contains(month.Lots, l => l.Sku == "ZONGZI" && l.BestBefore == "2026-12-01" && l.OnHand == 8 && l.ValueFen == 8_000);
        var today = await host.Stock.ListExpiringLotsAsync(new ListExpiringLotsRequest { SupermarketCode = "SM1", DaysAhead = 0 });
        Assert.Equal([expired.Id], today.Lots.Select(l => l.LotId));

        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "DAYS_AHEAD_INVALID",
            () => host.Stock.ListExpiringLotsAsync(new ListExpiringLotsRequest { SupermarketCode = "SM1", DaysAhead = 366 }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "SUPERMARKET_NOT_FOUND",
            () => host.Stock.ListExpiringLotsAsync(new ListExpiringLotsRequest { SupermarketCode = "SM9" }).ResponseAsync);
    }

    [Fact]
    public async Task Every_expired_lot_is_written_off_in_one_keyed_call_with_its_reason_and_a_retry_changes_nothing()
    {
        var zongzi = await ReceiveAsync("ZONGZI", 4, "2026-11-12", valueFen: 2_000);
        var rice = await ReceiveAsync("RICE", 3, "2026-11-01", valueFen: 1_500);
        var request = new WriteOffExpiredRequest { IdempotencyKey = "expired-sweep-1", SupermarketCode = "SM1", Note = "found at the back", Actor = "clerk Zhou Hong" };

        var written = await host.Stock.WriteOffExpiredAsync(request);

        Assert.Equal([(rice.Id, "RICE", 3L, 1_500L), (zongzi.Id, "ZONGZI", 4L, 2_000L)], written.Lots.Select(l => (l.LotId, l.Sku, l.OnHand, l.ValueFen)));
        Assert.Equal((7L, 3_500L), (written.Units, written.ValueFen));
        Assert.All(written.Movements, m =>
        {
            Assert.Equal(MovementKind.WrittenOff, m.Kind);
            Assert.Equal("Written off: expired; found at the back", m.Reason);
            Assert.Equal("clerk Zhou Hong", m.Actor);
        });
        Assert.Equal((20L, 8L), ((await host.ItemAsync("RICE")).OnHand, (await host.ItemAsync("ZONGZI")).OnHand));

        var again = await host.Stock.WriteOffExpiredAsync(request);
        Assert.Equal(written, again);
        Assert.Equal((20L, 8L), ((await host.ItemAsync("RICE")).OnHand, (await host.ItemAsync("ZONGZI")).OnHand));
        var report = await host.Stock.ListExpiringLotsAsync(new ListExpiringLotsRequest { SupermarketCode = "SM1" });
        Assert.DoesNotContain(report.Lots, l => l.Expired);

        // A new key when nothing has expired writes nothing off.
        var nothing = await host.Stock.WriteOffExpiredAsync(new WriteOffExpiredRequest { IdempotencyKey = "expired-sweep-2", SupermarketCode = "SM1", Actor = "clerk Zhou Hong" });
        Assert.Empty(nothing.Lots);
        await host.AssertStockInvariantsAsync();
    }

    private async Task<Lot> ReceiveAsync(string sku, long quantity, string bestBefore, long valueFen = 1_000) =>
        await host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = host.Key("lot"), SupermarketCode = "SM1", Sku = sku, Quantity = quantity, DonorName = "Li Guohua",
            DonorKind = DonorKind.Individual, ValueFen = valueFen, BestBefore = bestBefore, Actor = "clerk Zhou Hong",
        });

    private async Task<List<(long LotId, long Quantity)>> RedeemedAsync(string sku, string orderId) =>
        (await host.Stock.ListMovementsAsync(new ListMovementsRequest { SupermarketCode = "SM1", Sku = sku }))
            .Movements.Where(m => m.OrderId == orderId).OrderBy(m => m.Id).Select(m => (m.LotId, m.Quantity)).ToList();
}
