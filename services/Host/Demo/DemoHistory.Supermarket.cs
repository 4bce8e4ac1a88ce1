using Platform.Contracts.Redemption.V1;

namespace Platform.Host.Demo;

/// <summary>The love supermarket: counters, goods, donated and bought stock, redemptions and a return.</summary>
internal sealed partial class DemoHistory
{
    private static readonly (string Sku, string Name, string Unit, long Points, int Limit, Eligibility Eligibility)[] Items =
    [
        ("RICE-5KG", "大米", "袋（5公斤）", 40, 1, Eligibility.Any),
        ("OIL-18L", "菜籽油", "桶（1.8升）", 30, 0, Eligibility.Any),
        ("SOAP", "洗衣皂", "块", 4, 0, Eligibility.Any),
        ("TOWEL", "毛巾", "条", 8, 0, Eligibility.Any),
        ("NOTEBOOK", "作业本", "包（10本）", 6, 0, Eligibility.Any),
        ("MILK", "纯牛奶", "箱（12盒）", 25, 0, Eligibility.Over70),
    ];

    private readonly List<(string OrderId, DateTimeOffset At, string Sku)> orders = [];

    private async Task OpenSupermarketAsync(CancellationToken ct)
    {
        // Redemption learns of the village and its households from Scoring's events.
        await UntilAsync(async () => (await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest(), cancellationToken: ct))
            .Villages.Any(v => v.Code == DemoCounty.Village), "Redemption learns of the village", ct);
        await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = DemoCounty.Supermarket, Name = DemoCounty.SupermarketName, VillageCodes = { DemoCounty.Village },
            CounterCodes = { DemoCounty.Counter1, DemoCounty.Counter2 },
        }, cancellationToken: ct);
        await UntilAsync(async () => (await counter.FindHouseholdsAsync(new FindHouseholdsRequest
        {
            CounterCode = DemoCounty.Counter1, NumberPrefix = "0", Limit = 50,
        }, cancellationToken: ct)).Households.Count == DemoCounty.Heads.Count, "Redemption has its copy of the 30 households", ct);

        foreach (var (sku, name, unit, points, limit, eligibility) in Items)
        {
            await goods.DefineItemAsync(new DefineItemRequest
            {
                IdempotencyKey = Key("item-" + sku), SupermarketCode = DemoCounty.Supermarket, Sku = sku, Name = name, Unit = unit,
                PricePoints = points, LimitPerHousehold = limit, LimitPeriod = limit > 0 ? LimitPeriod.Month : LimitPeriod.Unspecified,
                Eligibility = eligibility, LowStockThreshold = 10, Actor = DemoCounty.Clerk1,
            }, cancellationToken: ct);
        }
    }

    private async Task ReceiveFirstDonationsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await DonateAsync("RICE-5KG", 80, "石门镇粮油有限公司", DonorKind.Company, 80 * 3_500, Day(now.AddMonths(10)), ct);
        await DonateAsync("OIL-18L", 60, "青山县农村商业银行", DonorKind.Company, 60 * 2_990, Day(now.AddMonths(15)), ct);
        await DonateAsync("SOAP", 200, "刘建华（在外乡贤）", DonorKind.Individual, 200 * 350, "", ct);
        await DonateAsync("TOWEL", 100, "青山县妇女联合会", DonorKind.Official, 100 * 900, "", ct);
    }

    private async Task ReceiveSecondDonationsAsync(DateTimeOffset month, CancellationToken ct)
    {
        await DonateAsync("NOTEBOOK", 120, "新华书店青山分店", DonorKind.Company, 120 * 500, "", ct);
        await DonateAsync("RICE-5KG", 40, "县民政局驻村工作队", DonorKind.Official, 40 * 3_500, Day(month.AddMonths(11)), ct);
    }

    private async Task DonateAsync(string sku, long quantity, string donor, DonorKind kind, long valueFen, string bestBefore, CancellationToken ct)
    {
        await stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = Key($"donation-{++Figures.Lots}"), SupermarketCode = DemoCounty.Supermarket, Sku = sku, Quantity = quantity,
            DonorName = donor, DonorKind = kind, ValueFen = valueFen, BestBefore = bestBefore, Actor = DemoCounty.Clerk1,
        }, cancellationToken: ct);
    }

    /// <summary>Milk bought with village funds for the elderly.</summary>
    private async Task ReceivePurchaseAsync(DateTimeOffset month, CancellationToken ct)
    {
        await stock.ReceivePurchaseAsync(new ReceivePurchaseRequest
        {
            IdempotencyKey = Key($"purchase-{++Figures.Lots}"), SupermarketCode = DemoCounty.Supermarket, Sku = "MILK", Quantity = 40,
            Supplier = "石门镇供销合作社", CostFen = 40 * 4_800, BestBefore = Day(month.AddMonths(6)), Actor = DemoCounty.Clerk2,
        }, cancellationToken: ct);
    }

    /// <summary>A morning at the supermarket: a few households spend some of what they have.</summary>
    private async Task MarketDayAsync(string counterCode, CancellationToken ct)
    {
        var clerk = counterCode == DemoCounty.Counter1 ? DemoCounty.Clerk1 : DemoCounty.Clerk2;
        var shelf = (await goods.ListItemsAsync(new ListItemsRequest { SupermarketCode = DemoCounty.Supermarket }, cancellationToken: ct))
            .Items.ToDictionary(i => i.Sku, i => i.OnHand - i.Reserved);
        var served = 0;
        foreach (var household in DemoCounty.Numbers.OrderBy(_ => random.Next()).ToList())
        {
            if (served == 4)
            {
                break;
            }

            var card = await counter.LookupHouseholdAsync(new LookupHouseholdRequest
            {
                CounterCode = counterCode, VillageCode = DemoCounty.Village, HouseholdNumber = household,
            }, cancellationToken: ct);
            var budget = card.AvailablePoints / 2;
            var lines = new List<RedeemLine>();
            foreach (var item in Items.OrderBy(_ => random.Next()))
            {
                if (item.Eligibility == Eligibility.Over70 && !card.HasMemberOver70)
                {
                    continue;
                }

                if (item.Limit > 0 && card.Limits.Any(l => l.Sku == item.Sku && l.Used >= l.Limit))
                {
                    continue;
                }

                var quantity = item.Limit > 0 ? 1 : random.Next(1, 3);
                if (quantity * item.Points <= budget && shelf[item.Sku] >= quantity)
                {
                    shelf[item.Sku] -= quantity;
                    lines.Add(new RedeemLine { Sku = item.Sku, Quantity = quantity });
                    budget -= quantity * item.Points;
                }
            }

            if (lines.Count == 0)
            {
                continue;
            }

            var at = clock.GetUtcNow();
            var orderId = $"QS-{at.ToOffset(ChinaTime):yyyyMMdd}-{orders.Count + 1:000}";
            var receipt = await counter.RedeemAsync(new RedeemRequest
            {
                OrderId = orderId, CounterCode = counterCode, VillageCode = DemoCounty.Village, HouseholdNumber = household, Actor = clerk,
                Lines = { lines },
            }, cancellationToken: ct);
            if (receipt.Status != OrderStatus.Completed)
            {
                throw new InvalidOperationException($"Order {orderId} of household {household} was {receipt.Status}: {receipt.CancelReason}");
            }

            served++;
            orders.Add((orderId, at, lines[0].Sku));
            Figures.Orders++;
            Figures.PointsSpent += receipt.PointsSpent;
            clock.MoveTo(clock.GetUtcNow().AddMinutes(random.Next(5, 25)));
        }
    }

    /// <summary>In the afternoon of the last market day, one unit of its last order comes back.</summary>
    private async Task ReturnGoodsAsync(CancellationToken ct)
    {
        var (orderId, _, sku) = orders[^1];
        var receipt = await counter.ReturnGoodsAsync(new ReturnGoodsRequest
        {
            ReturnId = orderId + "-R1", OrderId = orderId, Reason = "包装破损，顾客要求退回", Actor = DemoCounty.Clerk2,
            Lines = { new RedeemLine { Sku = sku, Quantity = 1 } },
        }, cancellationToken: ct);
        Figures.ReturnedOrder = orderId;
        Figures.PointsRefunded = receipt.PointsRefunded;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        var delay = TimeSpan.FromMilliseconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting until {what}.");
            }

            await Task.Delay(delay, ct);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }
}
