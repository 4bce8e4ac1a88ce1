using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Orders;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.GiftRuns;

/// <summary>A run and its shares as the API shows them, with the stock that can be handed out now.</summary>
internal static class GiftRunViews
{
    /// <summary>
    /// Units of an item that can be handed out today: on hand less what pending orders reserve,
    /// and never more than the lots not yet past their best-before date hold.
    /// </summary>
    public static async Task<long> AvailableAsync(RedemptionDb db, string supermarket, string sku, DateOnly today, CancellationToken ct)
    {
        var item = await db.Items.AsNoTracking().Where(i => i.SupermarketCode == supermarket && i.Sku == sku)
            .Select(i => new { i.OnHand, i.Reserved }).FirstOrDefaultAsync(ct);
        if (item is null)
        {
            return 0;
        }

        var fresh = await db.Lots.AsNoTracking()
            .Where(l => l.SupermarketCode == supermarket && l.Sku == sku && l.OnHand > 0 && (l.BestBefore == null || l.BestBefore >= today))
            .SumAsync(l => l.OnHand, ct);
        return Math.Max(0, Math.Min(item.OnHand - item.Reserved, fresh));
    }

    public static Api.GiftRun ToApi(GiftRun run, long available)
    {
        var remaining = run.Status == GiftRunStatus.Open ? (run.Households - run.HouseholdsReceived) * run.QuantityPerHousehold : 0;
        var view = new Api.GiftRun
        {
            Id = run.Id,
            SupermarketCode = run.SupermarketCode,
            Sku = run.Sku,
            ItemName = run.ItemName,
            Unit = run.Unit,
            QuantityPerHousehold = run.QuantityPerHousehold,
            Title = run.Title,
            Rule = (Api.GiftRule)(int)run.Rule,
            ChildAgeUnder = run.ChildAgeUnder,
            OnDay = run.OnDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = (Api.GiftRunStatus)(int)run.Status,
            Households = run.Households,
            StockNeeded = run.Households * run.QuantityPerHousehold,
            HouseholdsReceived = run.HouseholdsReceived,
            UnitsHandedOut = run.UnitsHandedOut,
            UnitsRemaining = remaining,
            StockAvailable = available,
            Shortfall = Math.Max(0, remaining - available),
            CreatedAt = Receipts.Stamp(run.CreatedAt),
            CreatedBy = run.CreatedBy,
            ClosedBy = run.ClosedBy ?? string.Empty,
            CloseReason = run.CloseReason ?? string.Empty,
        };
        if (run.ClosedAt is { } closed)
        {
            view.ClosedAt = Receipts.Stamp(closed);
        }

        return view;
    }

    public static Api.GiftShare ToApi(GiftShare share, string villageName)
    {
        var view = new Api.GiftShare
        {
            VillageCode = share.VillageCode,
            VillageName = villageName,
            HouseholdNumber = share.HouseholdNumber,
            HeadName = share.HeadName,
            Quantity = share.Quantity,
            Received = share.ReceivedAt is not null,
            CollectedBy = share.CollectedBy ?? string.Empty,
            HandedOutBy = share.HandedOutBy ?? string.Empty,
        };
        if (share.ReceivedAt is { } at)
        {
            view.ReceivedAt = Receipts.Stamp(at);
        }

        return view;
    }

    public static async Task<Dictionary<string, string>> VillageNamesAsync(RedemptionDb db, IEnumerable<string> codes, CancellationToken ct)
    {
        var wanted = codes.Distinct().ToList();
        return await db.KnownVillages.AsNoTracking().Where(v => wanted.Contains(v.Code)).ToDictionaryAsync(v => v.Code, v => v.Name, ct);
    }

    public static DateOnly Today(TimeProvider time) => ChinaTime.Today(time.GetUtcNow().UtcDateTime);
}
