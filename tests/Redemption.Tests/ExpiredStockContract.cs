using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Xunit;

namespace Platform.Testing.Counter;

/// <summary>
/// Expired goods are never handed out (decision 0016), one suite for both counter stores:
/// <c>ExpiredStockOnSqliteTests</c> (EF Core, Redemption.Tests) and <c>ExpiredStockOnPostgresTests</c>
/// (the set-based statements, Integration.Tests, this file linked there). The clock stands at
/// 2026-12-05 10:00 China time. SM1 lists MILK: 4 units best before 2026-12-04 (expired), 3 best
/// before 2026-12-05 (today: still good), 5 best before 2026-12-20; and EGGS: 5 units best before
/// 2026-12-01 only.
/// </summary>
public abstract class ExpiredStockContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 5);

    private readonly FakeTimeProvider clock = new(Start);
    private RedemptionDb db = null!;
    private int orders;

    private protected abstract Task<RedemptionDb> CreateDatabaseAsync();

    /// <summary>The counter store under test over a fresh context, on the given clock.</summary>
    private protected abstract ICounterStore Store(RedemptionDb context, TimeProvider time);

    private protected abstract RedemptionDb Context();

    protected abstract Task DropDatabaseAsync();

    public async Task InitializeAsync()
    {
        db = await CreateDatabaseAsync();
        db.Items.AddRange(Item("MILK", 12), Item("EGGS", 5));
        db.Lots.AddRange(Lot("MILK", 4, Today.AddDays(-1)), Lot("MILK", 3, Today), Lot("MILK", 5, Today.AddDays(15)), Lot("EGGS", 5, Today.AddDays(-4)));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        await DropDatabaseAsync();
    }

    [Fact]
    public async Task The_counter_skips_the_expired_lot_and_takes_the_next_lots_first_expiring_first()
    {
        var order = Order("MILK", 4);
        Assert.Equal(Reservation.Reserved, await ReserveAsync(order));
        Assert.Equal(Completion.Completed, await CompleteAsync(order));

        Assert.Equal([(Today.AddDays(-1), 4L), (Today, 0L), (Today.AddDays(15), 4L)], await LotsAsync("MILK"));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task Only_expired_units_to_serve_a_line_is_refused_naming_their_best_before_date()
    {
        var eggs = (await ReserveAsync(Order("EGGS", 1))).Refusal!;
        Assert.Equal((RefusalKind.StockExpired, 0L, Today.AddDays(-4)), (eggs.Kind, eggs.Figure, eggs.BestBefore));

        // 12 on hand, but only 8 good: 9 are refused for expiry; 13 are simply not there.
        var milk = (await ReserveAsync(Order("MILK", 9))).Refusal!;
        Assert.Equal((RefusalKind.StockExpired, 8L, Today.AddDays(-1)), (milk.Kind, milk.Figure, milk.BestBefore));
        Assert.Equal(RefusalKind.OutOfStock, (await ReserveAsync(Order("MILK", 13))).Refusal!.Kind);

        // 8 good units can all be had, and then nothing more.
        var all = Order("MILK", 8);
        Assert.Equal(Reservation.Reserved, await ReserveAsync(all));
        Assert.Equal(RefusalKind.StockExpired, (await ReserveAsync(Order("MILK", 1))).Refusal!.Kind);
        Assert.Equal(Completion.Completed, await CompleteAsync(all));
        Assert.Equal([(Today.AddDays(-1), 4L), (Today, 0L), (Today.AddDays(15), 0L)], await LotsAsync("MILK"));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_reservation_whose_lot_expired_at_midnight_is_not_completed_and_nothing_is_taken()
    {
        var order = Order("MILK", 8);
        Assert.Equal(Reservation.Reserved, await ReserveAsync(order));
        clock.Advance(TimeSpan.FromHours(14.5));   // 00:30 on 2026-12-06 China time: the 12-05 lot has expired

        Assert.Equal(Completion.StockExpired, await CompleteAsync(order));
        Assert.Equal([(Today.AddDays(-1), 4L), (Today, 3L), (Today.AddDays(15), 5L)], await LotsAsync("MILK"));
    }

    [Fact]
    public async Task A_hand_out_through_the_stock_book_skips_expired_lots_but_a_write_off_takes_them_first()
    {
        await using (var context = Context())
        {
            var book = new StockBook(context, clock);
            await using var transaction = await context.Database.BeginTransactionAsync();
            var given = await book.TakeAsync("SM1", "MILK", 2, MovementKind.Redeemed, "gift", null, "clerk Zhou Hong", "gift-1", fromReserved: false, lotId: 0, default);
            await context.SaveChangesAsync();
            await transaction.CommitAsync();
            Assert.Equal([-2L], given.Select(m => m.Quantity));
        }

        Assert.Equal([(Today.AddDays(-1), 4L), (Today, 1L), (Today.AddDays(15), 5L)], await LotsAsync("MILK"));

        await using (var context = Context())
        {
            var book = new StockBook(context, clock);
            var refused = await Assert.ThrowsAsync<Platform.ServiceDefaults.Errors.DomainException>(() =>
                book.TakeAsync("SM1", "EGGS", 1, MovementKind.Redeemed, "gift", null, "clerk Zhou Hong", "gift-2", fromReserved: false, lotId: 0, default));
            Assert.Equal(("STOCK_EXPIRED", "2026-12-01"), (refused.Reason, refused.Metadata["best_before"]));
        }

        await using (var context = Context())
        {
            var book = new StockBook(context, clock);
            await using var transaction = await context.Database.BeginTransactionAsync();
            var written = await book.WriteOffExpiredAsync("SM1", "Written off: expired", "clerk Zhou Hong", "expired-1", default);
            await transaction.CommitAsync();
            Assert.Equal([("EGGS", 5L), ("MILK", 4L)], written.Select(w => (w.Lot.Sku, -w.Movement.Quantity)));
        }

        Assert.Equal([(Today.AddDays(-1), 0L), (Today, 1L), (Today.AddDays(15), 5L)], await LotsAsync("MILK"));
        Assert.Equal(0, await OnHandAsync("EGGS"));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task Writing_off_expired_lots_while_counters_redeem_the_same_item_takes_only_expired_units_and_every_good_one_is_sold_once()
    {
        var write = Task.Run(async () =>
        {
            await using var context = Context();
            var book = new StockBook(context, clock);
            await using var transaction = await context.Database.BeginTransactionAsync();
            var written = await book.WriteOffExpiredAsync("SM1", "Written off: expired", "clerk Zhou Hong", "expired-race", default);
            await transaction.CommitAsync();
            return written.Sum(w => -w.Movement.Quantity);
        });
        var sales = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            var order = Order("MILK", 1);
            if (await ReserveAsync(order) != Reservation.Reserved)
            {
                return 0;
            }

            Assert.Equal(Completion.Completed, await CompleteAsync(order));
            return 1;
        })));

        Assert.Equal(9L, await write);   // EGGS 5 and MILK 4
        Assert.Equal(8, sales.Sum());    // the 8 good units of milk, each once
        Assert.Equal([(Today.AddDays(-1), 0L), (Today, 0L), (Today.AddDays(15), 0L)], await LotsAsync("MILK"));
        await AssertInvariantsAsync();
    }

    /// <summary>
    /// Property: whatever the lots, their dates around today and the redemptions (some completed
    /// only after midnight), no redeemed unit ever comes from a lot expired on the day it was
    /// taken; a line is reserved exactly when the good units not yet reserved cover it; and the
    /// stock figures add up. Seeded, so a failure names a case that can be run again.
    /// </summary>
    [Fact]
    public async Task No_expired_unit_is_ever_redeemed_whatever_the_lots_and_the_days()
    {
        for (var seed = 1; seed <= Cases; seed++)
        {
            var random = new Random(seed);
            var sku = $"P{seed}";
            var today = ChinaTime.Today(clock.GetUtcNow().UtcDateTime);
            var lots = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => Lot(sku, random.Next(0, 6), random.Next(6) == 0 ? null : today.AddDays(random.Next(-3, 4))))
                .ToList();
            await using (var context = Context())
            {
                context.Items.Add(Item(sku, lots.Sum(l => l.OnHand)));
                context.Lots.AddRange(lots);
                await context.SaveChangesAsync();
            }

            for (var n = 0; n < random.Next(1, 7); n++)
            {
                var quantity = random.Next(1, 5);
                var good = await GoodAvailableAsync(sku);
                var order = Order(sku, quantity);
                var reservation = await ReserveAsync(order);
                Assert.True((reservation == Reservation.Reserved) == (good >= quantity),
                    $"case {seed}: {quantity} asked, {good} good units free, answered {reservation}");
                if (reservation != Reservation.Reserved)
                {
                    continue;
                }

                if (random.Next(4) == 0)
                {
                    clock.Advance(TimeSpan.FromDays(1));
                }

                var completion = await CompleteAsync(order);
                Assert.True(completion is Completion.Completed or Completion.StockExpired, $"case {seed}: {completion}");
                if (completion == Completion.StockExpired)
                {
                    await CancelAsync(order);
                }
            }

            await AssertNoExpiredUnitRedeemedAsync(seed);
            await AssertInvariantsAsync();
        }
    }

    /// <summary>How many random cases the property runs.</summary>
    protected virtual int Cases => 60;

    private async Task AssertNoExpiredUnitRedeemedAsync(int seed)
    {
        await using var context = Context();
        var taken = await context.Movements.AsNoTracking().Where(m => m.Kind == MovementKind.Redeemed)
            .Join(context.Lots.AsNoTracking(), m => m.LotId, l => l.Id, (m, l) => new { m.At, l.BestBefore, m.LotId })
            .ToListAsync();
        Assert.All(taken, t => Assert.True(t.BestBefore is null || t.BestBefore >= ChinaTime.Today(t.At),
            $"case {seed}: lot {t.LotId} best before {t.BestBefore} was redeemed on {ChinaTime.Today(t.At)}"));
    }

    private async Task<long> GoodAvailableAsync(string sku)
    {
        await using var context = Context();
        var today = ChinaTime.Today(clock.GetUtcNow().UtcDateTime);
        var good = await context.Lots.Where(l => l.Sku == sku && (l.BestBefore == null || l.BestBefore >= today)).SumAsync(l => l.OnHand);
        return good - await context.Items.Where(i => i.Sku == sku).Select(i => i.Reserved).SingleAsync();
    }

    private async Task<Reservation> ReserveAsync(Order order)
    {
        await using var context = Context();
        return await Store(context, clock).ReserveAsync(order, new Dictionary<string, Item>(StringComparer.Ordinal) { [order.Lines[0].Sku] = Item(order.Lines[0].Sku, 0) }, default);
    }

    private async Task<Completion> CompleteAsync(Order order)
    {
        await using var context = Context();
        return await Store(context, clock).CompleteAsync(order, 1, 0, clock.GetUtcNow().UtcDateTime, default);
    }

    private async Task CancelAsync(Order order)
    {
        await using var context = Context();
        Assert.True(await Store(context, clock).CancelAsync(order.Id, "expired", clock.GetUtcNow().UtcDateTime, default));
    }

    private async Task<List<(DateOnly?, long)>> LotsAsync(string sku)
    {
        await using var context = Context();
        return (await context.Lots.AsNoTracking().Where(l => l.Sku == sku).OrderBy(l => l.Id).ToListAsync())
            .Select(l => (l.BestBefore, l.OnHand)).ToList();
    }

    private async Task<long> OnHandAsync(string sku)
    {
        await using var context = Context();
        return await context.Items.Where(i => i.Sku == sku).Select(i => i.OnHand).SingleAsync();
    }

    /// <summary>Every item's on hand is the sum of its lots and of its movements (the seeded units count as received); reserved is what pending orders hold.</summary>
    private async Task AssertInvariantsAsync()
    {
        await using var context = Context();
        foreach (var item in await context.Items.AsNoTracking().ToListAsync())
        {
            var lots = await context.Lots.Where(l => l.Sku == item.Sku).ToListAsync();
            var moved = await context.Movements.Where(m => m.Sku == item.Sku).SumAsync(m => m.Quantity);
            Assert.Equal(lots.Sum(l => l.OnHand), item.OnHand);
            Assert.Equal(lots.Sum(l => l.QuantityReceived) + moved, item.OnHand);
            var pending = await context.OrderLines.Where(l => l.Sku == item.Sku)
                .Join(context.Orders.Where(o => o.Status == OrderStatus.Pending), l => l.OrderId, o => o.Id, (l, o) => l.Quantity).ToListAsync();
            Assert.Equal(pending.Sum(q => (long)q), item.Reserved);
        }
    }

    private Order Order(string sku, int quantity)
    {
        var id = $"x-{Interlocked.Increment(ref orders)}";
        var order = new Order
        {
            Id = id,
            RequestHash = [1, 2, 3],
            SupermarketCode = "SM1",
            CounterCode = "C1",
            VillageCode = "V1",
            HouseholdNumber = "001",
            HeadName = "王建国",
            Status = OrderStatus.Pending,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            Actor = "clerk Zhou Hong",
            Points = quantity * 3,
        };
        order.Lines.Add(new OrderLine
        {
            OrderId = id, LineNumber = 1, Sku = sku, Name = sku, Unit = "盒", Quantity = quantity, UnitPoints = 3, Points = quantity * 3,
        });
        return order;
    }

    private static Item Item(string sku, long onHand) => new()
    {
        SupermarketCode = "SM1",
        Sku = sku,
        Name = sku == "MILK" ? "牛奶" : sku == "EGGS" ? "鸡蛋" : $"商品 {sku}",
        Unit = "盒",
        PricePoints = 3,
        OnHand = onHand,
        UpdatedAt = Start.UtcDateTime,
    };

    private static StockLot Lot(string sku, long units, DateOnly? bestBefore) => new()
    {
        SupermarketCode = "SM1",
        Sku = sku,
        SourceName = "县商务局",
        QuantityReceived = units,
        OnHand = units,
        BestBefore = bestBefore,
        ReceivedAt = Start.UtcDateTime,
        RequestId = $"lot-{sku}-{units}",
    };
}
