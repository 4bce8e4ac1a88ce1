using System.Globalization;
using Platform.Redemption.Goods;
using Platform.ServiceDefaults.Errors;

namespace Platform.Redemption.Orders;

/// <summary>Why the counter's store refused a line.</summary>
internal enum RefusalKind
{
    LimitReached,
    OutOfStock,
    ItemRetired,

    /// <summary>Enough units are on hand, but only lots past their best-before date could serve.</summary>
    StockExpired,
}

/// <summary>
/// A line the store refused, as a value: the kind, the line and the figure the clerk needs (units
/// already used in the limit's period, or units that can be had now; for expired stock also the
/// latest best-before date among the expired lots). Both stores make it from what their own
/// statement saw; <see cref="ToException"/> words it, once.
/// </summary>
internal sealed record CounterRefusal(RefusalKind Kind, int LineNumber, long Figure, DateOnly? BestBefore = null)
{
    /// <summary>The PostgreSQL statement's refusal text, "KIND line figure [yyyy-MM-dd]" (see PostgresCounter).</summary>
    public static CounterRefusal Parse(string text)
    {
        var parts = text.Split(' ');
        var kind = parts[0] switch
        {
            "LIMIT_REACHED" => RefusalKind.LimitReached,
            "ITEM_RETIRED" => RefusalKind.ItemRetired,
            "STOCK_EXPIRED" => RefusalKind.StockExpired,
            _ => RefusalKind.OutOfStock,
        };
        return new CounterRefusal(kind, int.Parse(parts[1], CultureInfo.InvariantCulture),
            parts.Length > 2 ? long.Parse(parts[2], CultureInfo.InvariantCulture) : 0,
            parts.Length > 3 ? DateOnly.ParseExact(parts[3], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null);
    }

    public DomainException ToException(Order order, IReadOnlyDictionary<string, Item> items)
    {
        var line = order.Lines.Single(l => l.LineNumber == LineNumber);
        var item = items[line.Sku];
        var context = ErrorMetadata.Of(("line", ErrorMetadata.Number(LineNumber)), ("sku", line.Sku),
            (Kind == RefusalKind.LimitReached ? "used" : "available", ErrorMetadata.Number(Math.Max(0, Figure))));
        if (Kind == RefusalKind.StockExpired && BestBefore is { } day)
        {
            var expired = Stock.StockBook.StockExpired(item, line.Quantity, Math.Max(0, Figure), day);
            return DomainException.Precondition(expired.Reason, $"Line {LineNumber}: {expired.Message}",
                new Dictionary<string, string>(expired.Metadata) { ["line"] = ErrorMetadata.Number(LineNumber) });
        }

        return Kind switch
        {
            RefusalKind.LimitReached => DomainException.Precondition("LIMIT_REACHED",
                $"Line {LineNumber}: {item.Name} is limited to {item.LimitPerHousehold} per household per {RedemptionRules.PeriodWord(item.LimitPeriod)}; household {order.HouseholdNumber} has had {Figure} in {line.LimitPeriod}, so {Math.Max(0, item.LimitPerHousehold - Figure)} more can go.",
                context),
            RefusalKind.ItemRetired => DomainException.Precondition("ITEM_RETIRED",
                $"Line {LineNumber}: {item.Name} ({item.Sku}) was just retired.", context),
            _ => DomainException.Precondition("OUT_OF_STOCK",
                $"Line {LineNumber}: only {Math.Max(0, Figure)} {item.Unit} of {item.Name} can be had now; {line.Quantity} were asked for.",
                context),
        };
    }
}
