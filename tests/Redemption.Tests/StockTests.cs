using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Redemption.V1;
using Platform.Redemption.Data;
using Platform.Testing;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>Lots, append-only movements, write-offs, stocktakes, transfers and the stock-low event.</summary>
public sealed class StockTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_write_off_names_its_reason_and_cannot_take_reserved_or_missing_units()
    {
        var change = await host.Stock.WriteOffAsync(new WriteOffRequest
        {
            IdempotencyKey = "spoiled-1", SupermarketCode = "SM1", Sku = "RICE", Quantity = 3, Reason = WriteOffReason.Damaged,
            Note = "bags torn by rats", Actor = "clerk Zhou Hong",
        });

        Assert.Equal(17, change.OnHandAfter);
        var movement = Assert.Single(change.Movements);
        Assert.Equal(MovementKind.WrittenOff, movement.Kind);
        Assert.Equal(-3, movement.Quantity);
        Assert.Contains("damaged; bags torn by rats", movement.Reason);

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOT_ENOUGH_STOCK", () => host.Stock.WriteOffAsync(new WriteOffRequest
        {
            IdempotencyKey = "spoiled-2", SupermarketCode = "SM1", Sku = "OIL", Quantity = 6, Reason = WriteOffReason.Expired, Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "WRITE_OFF_REASON_INVALID", () => host.Stock.WriteOffAsync(new WriteOffRequest
        {
            IdempotencyKey = "spoiled-3", SupermarketCode = "SM1", Sku = "OIL", Quantity = 1, Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        Assert.Equal(5, (await host.ItemAsync("OIL")).OnHand);

        // A retry of the same write-off has one effect.
        var again = await host.Stock.WriteOffAsync(new WriteOffRequest
        {
            IdempotencyKey = "spoiled-1", SupermarketCode = "SM1", Sku = "RICE", Quantity = 3, Reason = WriteOffReason.Damaged,
            Note = "bags torn by rats", Actor = "clerk Zhou Hong",
        });
        Assert.Equal(change, again);
        Assert.Equal(17, (await host.ItemAsync("RICE")).OnHand);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_stocktake_records_the_difference_between_counted_and_expected()
    {
        var short3 = await host.Stock.CountStockAsync(new CountStockRequest { IdempotencyKey = "count-1", SupermarketCode = "SM1", Sku = "RICE", Counted = 17, Actor = "clerk Zhou Hong" });
        Assert.Equal((-3L, 20L, 17L), (short3.Quantity, short3.Expected, short3.OnHandAfter));
        Assert.All(short3.Movements, m => Assert.Equal(MovementKind.Counted, m.Kind));

        var found2 = await host.Stock.CountStockAsync(new CountStockRequest { IdempotencyKey = "count-2", SupermarketCode = "SM1", Sku = "OIL", Counted = 7, Note = "two bottles behind the shelf", Actor = "clerk Zhou Hong" });
        Assert.Equal((2L, 5L, 7L), (found2.Quantity, found2.Expected, found2.OnHandAfter));

        var same = await host.Stock.CountStockAsync(new CountStockRequest { IdempotencyKey = "count-3", SupermarketCode = "SM1", Sku = "ZONGZI", Counted = 8, Actor = "clerk Zhou Hong" });
        Assert.Equal(0, same.Quantity);
        Assert.Empty(same.Movements);
        Assert.Equal(17, (await host.ItemAsync("RICE")).OnHand);
        Assert.Equal(7, (await host.ItemAsync("OIL")).OnHand);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_transfer_moves_first_expiring_units_and_keeps_their_best_before_date()
    {
        var change = await host.Stock.TransferAsync(new TransferRequest
        {
            IdempotencyKey = "move-1", FromSupermarketCode = "SM1", ToSupermarketCode = "SM2", Sku = "RICE", Quantity = 12, Actor = "clerk Zhou Hong",
        });

        Assert.Equal(8, change.OnHandAfter);
        Assert.Equal(8, (await host.ItemAsync("RICE")).OnHand);
        Assert.Equal(12, (await host.ItemAsync("RICE", "SM2")).OnHand);
        var sm2 = await host.Reports.StockOnHandAsync(new StockOnHandRequest { SupermarketCode = "SM2" });
        Assert.Equal([("2026-12-31", 10L), ("2027-03-01", 2L)], sm2.Lines.Single().Lots.Select(l => (l.BestBefore, l.OnHand)));
        Assert.All(sm2.Lines.Single().Lots, l => Assert.Equal(LotSource.Transfer, l.Source));

        await RpcAssert.RefusedAsync(StatusCode.NotFound, "ITEM_NOT_FOUND", () => host.Stock.TransferAsync(new TransferRequest
        {
            IdempotencyKey = "move-2", FromSupermarketCode = "SM1", ToSupermarketCode = "SM2", Sku = "OIL", Quantity = 1, Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        Assert.Equal(5, (await host.ItemAsync("OIL")).OnHand);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task Falling_below_the_low_stock_threshold_publishes_one_event_per_crossing()
    {
        await host.RedeemAsync("z-1", "004", ("ZONGZI", 3));   // 8 → 5: not below 5
        Assert.Equal(0, await StockLowEventsAsync());
        await host.RedeemAsync("z-2", "004", ("ZONGZI", 1));   // 5 → 4: crosses
        await host.RedeemAsync("z-3", "005", ("ZONGZI", 1));   // 4 → 3: still low, no second event
        Assert.Equal(1, await StockLowEventsAsync());
        Assert.True((await host.Reports.StockOnHandAsync(new StockOnHandRequest { SupermarketCode = "SM1" })).Lines.Single(l => l.Sku == "ZONGZI").Low);

        await host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "z-donation", SupermarketCode = "SM1", Sku = "ZONGZI", Quantity = 10, DonorName = "Li Guohua", DonorKind = DonorKind.Individual,
            ValueFen = 5_000, BestBefore = "2026-12-05", Actor = "clerk Zhou Hong",
        });
        await host.Stock.WriteOffAsync(new WriteOffRequest
        {
            IdempotencyKey = "z-spoiled", SupermarketCode = "SM1", Sku = "ZONGZI", Quantity = 10, Reason = WriteOffReason.Spoiled, Actor = "clerk Zhou Hong",
        });
        Assert.Equal(2, await StockLowEventsAsync());
    }

    [Fact]
    public async Task Bad_stock_input_is_refused_with_the_field_named()
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "BEST_BEFORE_INVALID", () => host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "bad-1", SupermarketCode = "SM1", Sku = "RICE", Quantity = 1, DonorName = "Anle Grain Co.", DonorKind = DonorKind.Company,
            BestBefore = "31/12/2026", Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "VALUE_INVALID", () => host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "bad-2", SupermarketCode = "SM1", Sku = "RICE", Quantity = 1, DonorName = "Anle Grain Co.", DonorKind = DonorKind.Company,
            ValueFen = -5, Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "DONOR_KIND_INVALID", () => host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "bad-3", SupermarketCode = "SM1", Sku = "RICE", Quantity = 1, DonorName = "Anle Grain Co.", DonorKind = (DonorKind)42, Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "QUANTITY_INVALID", () => host.Stock.ReceivePurchaseAsync(new ReceivePurchaseRequest
        {
            IdempotencyKey = "bad-4", SupermarketCode = "SM1", Sku = "RICE", Quantity = long.MaxValue, Supplier = "Qiaoli Market", Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "ITEM_NOT_FOUND", () => host.Stock.ReceivePurchaseAsync(new ReceivePurchaseRequest
        {
            IdempotencyKey = "bad-5", SupermarketCode = "SM1", Sku = "TEA", Quantity = 1, Supplier = "Qiaoli Market", Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PRICE_INVALID", () => host.Goods.DefineItemAsync(new DefineItemRequest
        {
            IdempotencyKey = "bad-6", SupermarketCode = "SM1", Sku = "TEA", Name = "Tea", Unit = "box", PricePoints = 0, Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED", () => host.Stock.ReceivePurchaseAsync(new ReceivePurchaseRequest
        {
            IdempotencyKey = "rice-donation", SupermarketCode = "SM1", Sku = "RICE", Quantity = 1, Supplier = "Qiaoli Market", Actor = "clerk Zhou Hong",
        }).ResponseAsync);
        Assert.Equal(20, (await host.ItemAsync("RICE")).OnHand);
    }

    [Fact]
    public async Task Movements_are_listed_newest_first_in_pages()
    {
        await host.RedeemAsync("m-1", "004", ("RICE", 1));
        await host.RedeemAsync("m-2", "005", ("RICE", 1));

        var first = await host.Stock.ListMovementsAsync(new ListMovementsRequest { SupermarketCode = "SM1", Sku = "RICE", PageSize = 2 });
        Assert.Equal(["m-2", "m-1"], first.Movements.Select(m => m.OrderId));
        var rest = await host.Stock.ListMovementsAsync(new ListMovementsRequest { SupermarketCode = "SM1", Sku = "RICE", PageSize = 2, PageToken = first.NextPageToken });
        Assert.Equal([MovementKind.Received, MovementKind.Received], rest.Movements.Select(m => m.Kind));
        Assert.Equal(string.Empty, rest.NextPageToken);
    }

    private async Task<int> StockLowEventsAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RedemptionDb>();
        return await db.OutboxMessages.CountAsync(m => m.Type.Contains("StockLow"));
    }
}
