using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.ServiceDefaults.Errors;

namespace Platform.Redemption.Orders;

/// <summary>An order made from checked lines, and its state once completed. No I/O.</summary>
internal static class OrderRules
{
    /// <summary>The pending order for the lines, each checked against its item and the household.</summary>
    public static Order Build(string orderId, byte[] hash, CounterDesk.CounterPlace place, CachedHousehold household, string actor,
        IReadOnlyList<RedemptionRules.Line> lines, IReadOnlyDictionary<string, Item> items, DateTime now)
    {
        if (household.Merged)
        {
            throw DomainException.Precondition("HOUSEHOLD_MERGED",
                $"Household {household.Number} was merged into household {household.MergedInto}; redeem on that household's card.",
                ("household_number", household.Number));
        }

        var order = new Order
        {
            Id = orderId,
            RequestHash = hash,
            SupermarketCode = place.Supermarket,
            CounterCode = place.Counter,
            VillageCode = household.VillageCode,
            HouseholdNumber = household.Number,
            HeadName = household.HeadName,
            Status = OrderStatus.Pending,
            CreatedAt = now,
            Actor = actor,
        };
        try
        {
            foreach (var line in lines)
            {
                var item = RedemptionRules.Check(line, items.GetValueOrDefault(line.Sku), household, ChinaTime.Today(now));
                var points = RedemptionRules.Points(line, item);
                order.Points = checked(order.Points + points);
                order.Lines.Add(new OrderLine
                {
                    OrderId = orderId,
                    LineNumber = line.Number,
                    Sku = item.Sku,
                    Name = item.Name,
                    Unit = item.Unit,
                    Quantity = line.Quantity,
                    UnitPoints = item.PricePoints,
                    Points = points,
                    LimitPeriod = item.LimitPerHousehold > 0 ? ChinaTime.Period(item.LimitPeriod, now) : null,
                });
            }
        }
        catch (OverflowException)
        {
            throw DomainException.Invalid("ORDER_TOO_LARGE", "The order's points do not fit in a number; split its lines into smaller orders.", "lines");
        }

        return order;
    }

    /// <summary>The committed state of a completed order, without reading it back.</summary>
    public static void MarkCompleted(Order order, DateTime now, long entryId, long availableAfter)
    {
        order.Status = OrderStatus.Completed;
        order.EndedAt = now;
        order.CaptureEntryId = entryId;
        order.AvailableAfter = availableAfter;
    }
}
