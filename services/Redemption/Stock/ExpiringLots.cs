using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Stock;

/// <summary>
/// A supermarket's lots with units on hand that are past their best-before date or reach it
/// soon, read from the lots as they are now: the near-expiry report and the expiry alerts.
/// </summary>
internal static class ExpiringLots
{
    public const int DefaultDaysAhead = 7;
    public const int MaxDaysAhead = 365;

    /// <summary>The days ahead a caller asked for (unset: 7), checked.</summary>
    public static int DaysAhead(bool given, int days, string field) => !given
        ? DefaultDaysAhead
        : days is >= 0 and <= MaxDaysAhead
            ? days
            : throw DomainException.Invalid("DAYS_AHEAD_INVALID", $"The days ahead are 0 to {MaxDaysAhead} (unset for {DefaultDaysAhead}); {days} was given.", field);

    /// <summary>Expired lots first, then by best-before date, SKU and lot.</summary>
    public static async Task<List<Api.ExpiringLot>> ReadAsync(RedemptionDb db, string supermarket, DateOnly today, int daysAhead, CancellationToken ct)
    {
        var until = today.AddDays(daysAhead);
        var lots = await db.Lots.AsNoTracking()
            .Where(l => l.SupermarketCode == supermarket && l.OnHand > 0 && l.BestBefore != null && l.BestBefore <= until)
            .Join(db.Items.AsNoTracking(), l => new { l.SupermarketCode, l.Sku }, i => new { i.SupermarketCode, i.Sku },
                (l, i) => new { Lot = l, i.Name, i.Unit })
            .ToListAsync(ct);
        return lots
            .OrderBy(x => x.Lot.BestBefore).ThenBy(x => x.Lot.Sku, StringComparer.Ordinal).ThenBy(x => x.Lot.Id)
            .Select(x => Line(x.Lot, x.Name, x.Unit, x.Lot.OnHand, today))
            .ToList();
    }

    /// <summary>One lot's line, for <paramref name="units"/> of its units (on hand, or written off).</summary>
    public static Api.ExpiringLot Line(StockLot lot, string name, string unit, long units, DateOnly today) => new()
    {
        Sku = lot.Sku,
        Name = name,
        Unit = unit,
        LotId = lot.Id,
        BestBefore = lot.BestBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        OnHand = units,
        ValueFen = Value(lot, units),
        Expired = lot.BestBefore < today,
        DaysLeft = lot.BestBefore is { } day ? day.DayNumber - today.DayNumber : 0,
        SourceName = lot.SourceName,
    };

    /// <summary>The lot's value or cost for some of its units, in whole fen (rounded down).</summary>
    public static long Value(StockLot lot, long units) => lot.QuantityReceived == 0 ? 0 : lot.ValueFen * units / lot.QuantityReceived;
}
