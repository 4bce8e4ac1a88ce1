using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>Goods brought back within the return window.</summary>
public sealed class ReturnsTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_partial_return_gives_the_points_back_puts_goods_back_in_their_lot_and_frees_the_limit()
    {
        await host.RedeemAsync("order-1", "004", ("RICE", 2), ("ZONGZI", 2));
        Assert.Equal(CounterHost.StartingPoints - 90, await host.AvailableAsync("004"));

        var returned = await host.Counter.ReturnGoodsAsync(Return("return-1", "order-1", ("RICE", 1)));

        Assert.Equal(30, returned.PointsRefunded);
        Assert.Equal(CounterHost.StartingPoints - 60, await host.AvailableAsync("004"));
        Assert.Equal(19, (await host.ItemAsync("RICE")).OnHand);
        var lots = (await host.Reports.StockOnHandAsync(new StockOnHandRequest { SupermarketCode = "SM1" })).Lines.Single(l => l.Sku == "RICE").Lots;
        Assert.Equal([("2026-12-31", 9L), ("2027-03-01", 10L)], lots.Select(l => (l.BestBefore, l.OnHand)));
        var order = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-1" });
        Assert.Equal(1, order.Lines.Single(l => l.Sku == "RICE").ReturnedQuantity);
        var card = await host.Counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = "C1", HouseholdNumber = "004" });
        Assert.Equal(1, card.Limits.Single(l => l.Sku == "RICE").Used);

        // The refund is a ledger entry naming the order's hold.
        var statement = await host.Ledger.GetStatementAsync(new ScoringApi.GetStatementRequest
        {
            Household = new ScoringApi.HouseholdRef { VillageCode = CounterHost.Village, HouseholdNumber = "004" },
        });
        var refund = statement.Entries.First();
        Assert.Equal((ScoringApi.EntryKind.Refund, 30L, "order-1"), (refund.Kind, refund.Points, refund.HoldId));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_retried_return_has_one_effect_and_more_than_was_taken_cannot_come_back()
    {
        await host.RedeemAsync("order-2", "005", ("RICE", 2));
        var first = await host.Counter.ReturnGoodsAsync(Return("return-2", "order-2", ("RICE", 2)));
        var again = await host.Counter.ReturnGoodsAsync(Return("return-2", "order-2", ("RICE", 2)));

        Assert.Equal(first, again);
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("005"));
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "RETURN_EXCEEDS_ORDER",
            () => host.Counter.ReturnGoodsAsync(Return("return-3", "order-2", ("RICE", 1))).ResponseAsync);
        Assert.Contains("0 can still come back", ex.Status.Detail);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "RETURN_ID_REUSED",
            () => host.Counter.ReturnGoodsAsync(Return("return-2", "order-2", ("RICE", 1))).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "SKU_NOT_ON_ORDER",
            () => host.Counter.ReturnGoodsAsync(Return("return-4", "order-2", ("OIL", 1))).ResponseAsync);
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("005"));
        Assert.Equal(20, (await host.ItemAsync("RICE")).OnHand);
    }

    [Fact]
    public async Task Goods_cannot_come_back_after_the_return_window()
    {
        await host.RedeemAsync("order-5", "004", ("ZONGZI", 1));
        host.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "RETURN_WINDOW_CLOSED",
            () => host.Counter.ReturnGoodsAsync(Return("return-5", "order-5", ("ZONGZI", 1))).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "ORDER_NOT_FOUND",
            () => host.Counter.ReturnGoodsAsync(Return("return-6", "order-none", ("ZONGZI", 1))).ResponseAsync);
        Assert.Equal(7, (await host.ItemAsync("ZONGZI")).OnHand);
    }

    private static ReturnGoodsRequest Return(string id, string order, params (string Sku, int Quantity)[] lines) => new()
    {
        ReturnId = id,
        OrderId = order,
        Reason = "The bag was not needed",
        Actor = "clerk Zhou Hong",
        Lines = { lines.Select(l => new RedeemLine { Sku = l.Sku, Quantity = l.Quantity }) },
    };
}
