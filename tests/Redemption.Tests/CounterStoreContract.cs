using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Xunit;

namespace Platform.Testing.Counter;

/// <summary>
/// The counter's storage contract (<see cref="ICounterStore"/>, decision 0013), one suite for both
/// implementations: <c>EfCounterStoreTests</c> runs it on SQLite (Redemption.Tests), and
/// <c>PostgresCounterStoreTests</c> on PostgreSQL (Integration.Tests, the file linked there).
/// Each test starts from an empty, migrated database with supermarket SM1: RICE (30 points, 2 a
/// month, 10 units in two lots), OIL (20 points, 3 units), and households 001 and 002 of V1.
/// </summary>
public abstract class CounterStoreContract : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 12, 5, 2, 0, 0, DateTimeKind.Utc);

    private RedemptionDb db = null!;

    /// <summary>A new, migrated, empty database of the implementation under test.</summary>
    private protected abstract Task<RedemptionDb> CreateDatabaseAsync();

    /// <summary>The store under test over a fresh context of that database.</summary>
    private protected abstract ICounterStore Store(RedemptionDb context);

    /// <summary>A fresh context of the database, for reading what the store left.</summary>
    private protected abstract RedemptionDb Context();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        db = await CreateDatabaseAsync();
        db.Items.AddRange(Item("RICE", 30, limit: 2, onHand: 10), Item("OIL", 20, limit: 0, onHand: 3));
        db.Lots.AddRange(Lot("RICE", 4, new DateOnly(2026, 12, 31)), Lot("RICE", 6, null), Lot("OIL", 3, null));
        db.Households.AddRange(Household("001", "王建国"), Household("002", "李秀英"));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await DropDatabaseAsync();
    }

    [Fact]
    public async Task Look_finds_the_households_candidates_and_the_items_and_a_known_order()
    {
        var look = await Fresh().LookAsync("o-1", "SM1", new CounterDesk.HouseholdQuery("001", ["V1", "V2"]), ["RICE", "OIL", "NONE"], default);
        Assert.Null(look.Known);
        Assert.Equal("王建国", Assert.Single(look.Households).HeadName);
        Assert.Equal(["OIL", "RICE"], look.Items.Keys.Order(StringComparer.Ordinal));

        await ReserveAsync(Order("o-1", "001", ("RICE", 1)));
        var again = await Fresh().LookAsync("o-1", "SM1", new CounterDesk.HouseholdQuery("001", ["V1"]), ["RICE"], default);
        Assert.Equal((OrderStatus.Pending, 1), (again.Known!.Status, again.Known.Lines.Count));
    }

    [Fact]
    public async Task Reserve_records_the_pending_order_raises_the_limit_and_reserves_stock_and_a_second_reserve_of_the_id_is_taken()
    {
        var order = Order("o-1", "001", ("RICE", 2), ("OIL", 1));
        Assert.Equal(Reservation.Reserved, await ReserveAsync(order));

        Assert.Equal((2L, 1L), (await ReservedAsync("RICE"), await ReservedAsync("OIL")));
        Assert.Equal(2, await UsedAsync("001", "RICE"));
        var stored = await Fresh().FindAsync("o-1", default);
        Assert.Equal((OrderStatus.Pending, 80L, 2), (stored!.Status, stored.Points, stored.Lines.Count));

        Assert.True((await ReserveAsync(Order("o-1", "001", ("RICE", 2), ("OIL", 1)))).IdTaken);
        Assert.Equal((2L, 1L), (await ReservedAsync("RICE"), await ReservedAsync("OIL")));
    }

    [Fact]
    public async Task A_refused_line_is_a_typed_refusal_with_its_figure_and_leaves_nothing_behind()
    {
        await ReserveAsync(Order("o-1", "001", ("RICE", 2)));

        var limit = await ReserveAsync(Order("o-2", "001", ("OIL", 1), ("RICE", 1)));
        Assert.Equal(new CounterRefusal(RefusalKind.LimitReached, 2, 2), limit.Refusal);
        var stock = await ReserveAsync(Order("o-3", "002", ("RICE", 1), ("OIL", 4)));
        Assert.Equal(new CounterRefusal(RefusalKind.OutOfStock, 2, 3), stock.Refusal);

        Assert.Null(await Fresh().FindAsync("o-2", default));
        Assert.Null(await Fresh().FindAsync("o-3", default));
        Assert.Equal((2L, 0L), (await ReservedAsync("RICE"), await ReservedAsync("OIL")));
        Assert.Equal(0, await UsedAsync("002", "RICE"));
    }

    [Fact]
    public async Task A_retired_item_is_refused_as_retired()
    {
        await using (var context = Context())
        {
            await context.Items.Where(i => i.Sku == "OIL").ExecuteUpdateAsync(u => u.SetProperty(i => i.Active, false));
        }

        var retired = await ReserveAsync(Order("o-1", "001", ("OIL", 1)));
        Assert.Equal(RefusalKind.ItemRetired, retired.Refusal!.Kind);
    }

    [Fact]
    public async Task Complete_takes_the_first_expiring_lots_once_and_a_second_complete_finds_it_settled()
    {
        var order = Order("o-1", "001", ("RICE", 2));
        await ReserveAsync(order);
        order.Lines[0].Quantity = 2;
        await ReserveAsync(Order("o-2", "002", ("RICE", 2), ("OIL", 1)));
        var second = Order("o-2", "002", ("RICE", 2), ("OIL", 1));

        Assert.Equal(Completion.Completed, await Fresh().CompleteAsync(order, 41, 240, Now, default));
        Assert.Equal(Completion.Completed, await Fresh().CompleteAsync(second, 42, 230, Now, default));
        Assert.Equal(Completion.NotPending, await Fresh().CompleteAsync(order, 41, 240, Now, default));

        await using var context = Context();
        var rice = await context.Items.AsNoTracking().SingleAsync(i => i.Sku == "RICE");
        Assert.Equal((6L, 0L), (rice.OnHand, rice.Reserved));
        // 4 from the lot that expires, 0 from the one with no date.
        Assert.Equal([0L, 6L], await context.Lots.AsNoTracking().Where(l => l.Sku == "RICE").OrderBy(l => l.Id).Select(l => l.OnHand).ToListAsync());
        var done = await Fresh().FindAsync("o-1", default);
        Assert.Equal((OrderStatus.Completed, 41L, 240L), (done!.Status, done.CaptureEntryId, done.AvailableAfter));
        Assert.Equal(2, await context.OutboxMessages.CountAsync(m => m.Type.Contains("GoodsRedeemed")));
        Assert.Equal(-4, await context.Movements.Where(m => m.Sku == "RICE").SumAsync(m => m.Quantity));
    }

    [Fact]
    public async Task Cancel_gives_back_the_reservation_and_the_limit_once_and_a_cancelled_order_cannot_complete()
    {
        var order = Order("o-1", "001", ("RICE", 2), ("OIL", 1));
        await ReserveAsync(order);

        Assert.True(await Fresh().CancelAsync("o-1", "Scoring refused", Now, default));
        Assert.False(await Fresh().CancelAsync("o-1", "again", Now, default));
        Assert.Equal(Completion.NotPending, await Fresh().CompleteAsync(order, 41, 240, Now, default));

        Assert.Equal((0L, 0L), (await ReservedAsync("RICE"), await ReservedAsync("OIL")));
        Assert.Equal(0, await UsedAsync("001", "RICE"));
        var cancelled = await Fresh().FindAsync("o-1", default);
        Assert.Equal((OrderStatus.Cancelled, "Scoring refused"), (cancelled!.Status, cancelled.CancelReason));
    }

    [Fact]
    public async Task Concurrent_reservations_never_reserve_more_than_is_on_hand()
    {
        var households = Enumerable.Range(1, 8).Select(n => $"1{n:00}").ToList();
        await using (var context = Context())
        {
            context.Households.AddRange(households.Select(n => Household(n, "张三")));
            await context.SaveChangesAsync();
        }

        var outcomes = await Task.WhenAll(households.Select(n => Task.Run(async () =>
        {
            await using var context = Context();
            return await Store(context).ReserveAsync(Order($"c-{n}", n, ("OIL", 1)), Items(), default);
        })));

        Assert.Equal(3, outcomes.Count(o => o == Reservation.Reserved));
        Assert.All(outcomes.Where(o => o != Reservation.Reserved), o => Assert.Equal(RefusalKind.OutOfStock, o.Refusal!.Kind));
        Assert.Equal(3L, await ReservedAsync("OIL"));
    }

    private ICounterStore Fresh() => Store(Context());

    private async Task<Reservation> ReserveAsync(Order order)
    {
        await using var context = Context();
        return await Store(context).ReserveAsync(order, Items(), default);
    }

    private static Dictionary<string, Item> Items() => new(StringComparer.Ordinal)
    {
        ["RICE"] = Item("RICE", 30, limit: 2, onHand: 10),
        ["OIL"] = Item("OIL", 20, limit: 0, onHand: 3),
    };

    private async Task<long> ReservedAsync(string sku)
    {
        await using var context = Context();
        return await context.Items.Where(i => i.Sku == sku).Select(i => i.Reserved).SingleAsync();
    }

    private async Task<int> UsedAsync(string household, string sku)
    {
        await using var context = Context();
        return await context.Usage.Where(u => u.HouseholdNumber == household && u.Sku == sku).Select(u => u.Quantity).FirstOrDefaultAsync();
    }

    private static Order Order(string id, string household, params (string Sku, int Quantity)[] lines)
    {
        var items = Items();
        var order = new Order
        {
            Id = id,
            RequestHash = [1, 2, 3],
            SupermarketCode = "SM1",
            CounterCode = "C1",
            VillageCode = "V1",
            HouseholdNumber = household,
            HeadName = "王建国",
            Status = OrderStatus.Pending,
            CreatedAt = Now,
            Actor = "clerk Zhou Hong",
        };
        var number = 0;
        foreach (var (sku, quantity) in lines)
        {
            var item = items[sku];
            order.Lines.Add(new OrderLine
            {
                OrderId = id,
                LineNumber = ++number,
                Sku = sku,
                Name = item.Name,
                Unit = item.Unit,
                Quantity = quantity,
                UnitPoints = item.PricePoints,
                Points = quantity * item.PricePoints,
                LimitPeriod = item.LimitPerHousehold > 0 ? "2026-12" : null,
            });
            order.Points += quantity * item.PricePoints;
        }

        return order;
    }

    private static Item Item(string sku, long points, int limit, long onHand) => new()
    {
        SupermarketCode = "SM1",
        Sku = sku,
        Name = sku == "RICE" ? "大米" : "食用油",
        Unit = sku == "RICE" ? "袋" : "桶",
        PricePoints = points,
        LimitPerHousehold = limit,
        OnHand = onHand,
        UpdatedAt = Now,
    };

    private static StockLot Lot(string sku, long units, DateOnly? bestBefore) => new()
    {
        SupermarketCode = "SM1",
        Sku = sku,
        SourceName = "县商务局",
        QuantityReceived = units,
        OnHand = units,
        BestBefore = bestBefore,
        ReceivedAt = Now,
        RequestId = $"lot-{sku}-{units}",
    };

    private static CachedHousehold Household(string number, string head) => new()
    {
        VillageCode = "V1",
        Number = number,
        HeadName = head,
        MemberCount = 3,
        UpdatedAt = Now,
    };
}
