using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>Redemption at the counter through the real services over gRPC.</summary>
public sealed class CounterTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_redemption_spends_the_points_consumes_the_first_expiring_lot_and_returns_a_receipt()
    {
        var receipt = await host.RedeemAsync("order-1", "004", ("RICE", 2), ("ZONGZI", 1));

        Assert.Equal(OrderStatus.Completed, receipt.Status);
        Assert.Equal(75, receipt.PointsSpent);
        Assert.Equal(CounterHost.StartingPoints - 75, receipt.AvailableAfter);
        Assert.Equal("Chen Guiying", receipt.HeadName);
        Assert.Equal([("RICE", 2, 60L), ("ZONGZI", 1, 15L)], receipt.Lines.Select(l => (l.Sku, l.Quantity, l.Points)));
        Assert.Equal(CounterHost.StartingPoints - 75, await host.AvailableAsync("004"));
        Assert.Equal(18, (await host.ItemAsync("RICE")).OnHand);
        Assert.Equal(0, (await host.ItemAsync("RICE")).Reserved);

        // The purchased lot expires on 2026-12-31, before the donated one (2027-03-01): it goes first.
        var stock = await host.Reports.StockOnHandAsync(new StockOnHandRequest { SupermarketCode = "SM1" });
        var rice = stock.Lines.Single(l => l.Sku == "RICE");
        Assert.Equal([("2026-12-31", 8L), ("2027-03-01", 10L)], rice.Lots.Select(l => (l.BestBefore, l.OnHand)));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task Retrying_a_known_order_id_returns_the_stored_receipt_and_never_charges_twice()
    {
        var first = await host.RedeemAsync("order-2", "004", ("RICE", 1));
        var again = await host.RedeemAsync("order-2", "004", ("RICE", 1));

        Assert.Equal(first, again);
        Assert.Equal(CounterHost.StartingPoints - 30, await host.AvailableAsync("004"));
        Assert.Equal(19, (await host.ItemAsync("RICE")).OnHand);
        var fetched = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-2" });
        Assert.Equal(first, fetched);
    }

    [Fact]
    public async Task Concurrent_retries_of_one_order_id_charge_once()
    {
        var receipts = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return await host.RedeemAsync("order-3", "005", ("ZONGZI", 2));
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                // A retry that arrives while the first call is between hold and capture is told to ask again.
                return null;
            }
        }));

        Assert.Contains(receipts, r => r is not null);
        var final = await host.RedeemAsync("order-3", "005", ("ZONGZI", 2));
        Assert.Equal(OrderStatus.Completed, final.Status);
        Assert.Equal(CounterHost.StartingPoints - 30, await host.AvailableAsync("005"));
        Assert.Equal(6, (await host.ItemAsync("ZONGZI")).OnHand);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task An_order_id_reused_for_another_redemption_is_refused()
    {
        await host.RedeemAsync("order-4", "004", ("RICE", 1));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ORDER_ID_REUSED",
            () => host.RedeemAsync("order-4", "005", ("RICE", 1)));
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("005"));
    }

    [Fact]
    public async Task Not_enough_points_is_refused_and_leaves_nothing_reserved()
    {
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS",
            () => host.RedeemAsync("order-5", "006", ("RICE", 1)));

        Assert.Contains("30", ex.Status.Detail);
        var rice = await host.ItemAsync("RICE");
        Assert.Equal(20, rice.OnHand);
        Assert.Equal(0, rice.Reserved);
        var card = await host.Counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = "C1", HouseholdNumber = "006" });
        Assert.Equal(0, card.Limits.Single(l => l.Sku == "RICE").Used);
        // The refusal is the stored outcome of that order id.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ORDER_CANCELLED", () => host.RedeemAsync("order-5", "006", ("RICE", 1)));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_monthly_limit_counts_earlier_orders_and_names_the_line()
    {
        await host.RedeemAsync("order-6", "004", ("RICE", 1));

        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "LIMIT_REACHED",
            () => host.RedeemAsync("order-7", "004", ("ZONGZI", 1), ("RICE", 2)));

        Assert.Equal("2", LineOf(ex));
        Assert.Contains("1 more", ex.Status.Detail);
        Assert.Equal(CounterHost.StartingPoints - 30, await host.AvailableAsync("004"));
        Assert.Equal(8, (await host.ItemAsync("ZONGZI")).OnHand);
        Assert.Equal(0, (await host.ItemAsync("ZONGZI")).Reserved);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "ORDER_NOT_FOUND", () => host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-7" }).ResponseAsync);

        // The next month the limit starts again (China time: 16:00 UTC on the 30th is midnight).
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 0, 1, TimeSpan.Zero));
        Assert.Equal(OrderStatus.Completed, (await host.RedeemAsync("order-8", "004", ("RICE", 2))).Status);
    }

    [Fact]
    public async Task Refusals_name_the_line_that_failed_and_why()
    {
        var notEligible = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOT_ELIGIBLE",
            () => host.RedeemAsync("order-9", "004", ("ZONGZI", 1), ("OIL", 1)));
        Assert.Equal("2", LineOf(notEligible));

        var outOfStock = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "OUT_OF_STOCK",
            () => host.RedeemAsync("order-10", "001", ("OIL", 6)));
        Assert.Contains("only 5", outOfStock.Status.Detail);

        await host.Goods.RetireItemAsync(new RetireItemRequest { IdempotencyKey = host.Key(), SupermarketCode = "SM1", Sku = "ZONGZI", Actor = "clerk Zhou Hong" });
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ITEM_RETIRED", () => host.RedeemAsync("order-11", "004", ("ZONGZI", 1)));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "ITEM_NOT_FOUND", () => host.RedeemAsync("order-12", "004", ("TEA", 1)));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_NOT_FOUND", () => host.RedeemAsync("order-13", "099", ("RICE", 1)));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "COUNTER_NOT_FOUND",
            () => host.Counter.RedeemAsync(new RedeemRequest(CounterHost.Order("order-14", "004", ("RICE", 1))) { CounterCode = "C9" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "VILLAGE_NOT_SERVED",
            () => host.Counter.RedeemAsync(new RedeemRequest(CounterHost.Order("order-15", "004", ("RICE", 1))) { VillageCode = "V2" }).ResponseAsync);

        // Every refusal left the households and the stock as they were.
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("001"));
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("004"));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task Malformed_orders_are_invalid_arguments()
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "IDEMPOTENCY_KEY_REQUIRED", () => host.RedeemAsync("", "004", ("RICE", 1)));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "IDEMPOTENCY_KEY_INVALID", () => host.RedeemAsync(new string('x', 101), "004", ("RICE", 1)));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "QUANTITY_INVALID", () => host.RedeemAsync("bad-1", "004", ("RICE", 0)));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "SKU_REPEATED", () => host.RedeemAsync("bad-2", "004", ("RICE", 1), ("RICE", 1)));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "LINES_INVALID", () => host.RedeemAsync("bad-3", "004"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "HOUSEHOLD_NUMBER_INVALID", () => host.RedeemAsync("bad-4", "00 4", ("RICE", 1)));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "ACTOR_REQUIRED",
            () => host.Counter.RedeemAsync(new RedeemRequest(CounterHost.Order("bad-5", "004", ("RICE", 1))) { Actor = " " }).ResponseAsync);
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("004"));
    }

    [Fact]
    public async Task The_counter_finds_households_by_the_digits_typed_and_shows_balance_and_limits()
    {
        await host.RedeemAsync("order-16", "001", ("RICE", 1), ("OIL", 1));
        await Poller.UntilAsync(async () => (await host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C2", NumberPrefix = "00" })).Households.Count == 6,
            "the counter's copy of households fills from household-registered events");

        var found = await host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "C2", NumberPrefix = "00", Limit = 2 });
        Assert.Equal(["001", "002"], found.Households.Select(h => h.HouseholdNumber));
        Assert.Equal("Wang Xiulan", found.Households[0].HeadName);
        Assert.Empty((await host.Counter.FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "X1", NumberPrefix = "00" })).Households);

        var card = await host.Counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = "C2", HouseholdNumber = "001" });
        Assert.Equal(CounterHost.StartingPoints - 50, card.AvailablePoints);
        Assert.True(card.HasMemberOver70);
        var rice = card.Limits.Single();
        Assert.Equal(("RICE", "2026-11", 2, 1), (rice.Sku, rice.Period, rice.Limit, rice.Used));
    }

    private static string LineOf(RpcException ex) =>
        ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["line"];
}
