using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.ServiceDefaults.Errors;

namespace Platform.Redemption.Orders;

/// <summary>The rules a redemption line must pass before anything is reserved. No I/O.</summary>
internal static class RedemptionRules
{
    public const int MaxLines = 30;
    public const int MaxQuantity = 1_000;

    public sealed record Line(int Number, string Sku, int Quantity);

    /// <summary>Checks the shape of the lines; SKUs are trimmed and must be unique.</summary>
    public static List<Line> Lines(IReadOnlyList<(string Sku, int Quantity)> lines)
    {
        if (lines.Count is 0 or > MaxLines)
        {
            throw DomainException.Invalid("LINES_INVALID", $"An order has 1 to {MaxLines} lines; {lines.Count} were given.",
                "lines");
        }

        var checkedLines = new List<Line>(lines.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var number = i + 1;
            var sku = Input.Code(lines[i].Sku, $"lines[{i}].sku", $"SKU on line {number}");
            if (lines[i].Quantity is <= 0 or > MaxQuantity)
            {
                throw DomainException.Invalid("QUANTITY_INVALID",
                    $"Line {number} ({sku}): the quantity must be 1 to {MaxQuantity}; {lines[i].Quantity} was given.",
                    $"lines[{i}].quantity", ("line", Num(number)));
            }

            if (!seen.Add(sku))
            {
                throw DomainException.Invalid("SKU_REPEATED",
                    $"Line {number}: {sku} is already on an earlier line; put it on one line with the total quantity.",
                    $"lines[{i}].sku", ("line", Num(number)));
            }

            checkedLines.Add(new Line(number, sku, lines[i].Quantity));
        }

        return checkedLines;
    }

    /// <summary>Refuses a line whose item is unknown, retired, or not for this household.</summary>
    public static Item Check(Line line, Item? item, CachedHousehold household, DateOnly? today = null)
    {
        var context = ErrorMetadata.Of(("line", Num(line.Number)), ("sku", line.Sku));
        if (item is null)
        {
            throw DomainException.NotFound("ITEM_NOT_FOUND", $"Line {line.Number}: this supermarket has no item {line.Sku}.", context);
        }

        if (!item.Active)
        {
            throw DomainException.Precondition("ITEM_RETIRED", $"Line {line.Number}: {item.Name} ({item.Sku}) is retired and can no longer be redeemed.", context);
        }

        if (!Eligible(item.Eligibility, household, today))
        {
            throw DomainException.Precondition("NOT_ELIGIBLE",
                $"Line {line.Number}: {item.Name} is only for {Describe(item.Eligibility)}; household {household.Number} ({household.HeadName}) is not one.", context);
        }

        if (item.LimitPerHousehold > 0 && line.Quantity > item.LimitPerHousehold)
        {
            throw DomainException.Precondition("LIMIT_REACHED",
                $"Line {line.Number}: {item.Name} is limited to {item.LimitPerHousehold} per household per {PeriodWord(item.LimitPeriod)}; {line.Quantity} were asked for.",
                context);
        }

        return item;
    }

    /// <summary>Points for a line, refusing sums that would overflow.</summary>
    public static long Points(Line line, Item item) => checked(line.Quantity * item.PricePoints);

    /// <summary>Whether the household may take the item; "over 70" on <paramref name="today"/> when given (China time).</summary>
    public static bool Eligible(Eligibility eligibility, CachedHousehold household, DateOnly? today = null) => eligibility switch
    {
        Eligibility.Over70 => household.HasMemberOver70On(today),
        Eligibility.PovertyRegistered => household.PovertyRegistered,
        Eligibility.Monitored => household.Monitored,
        Eligibility.PovertyOrMonitored => household.PovertyRegistered || household.Monitored,
        _ => true,
    };

    public static string Describe(Eligibility eligibility) => eligibility switch
    {
        Eligibility.Over70 => "households with someone over 70",
        Eligibility.PovertyRegistered => "registered poverty households (建档立卡)",
        Eligibility.Monitored => "monitored households (监测户)",
        Eligibility.PovertyOrMonitored => "registered poverty or monitored households",
        _ => "every household",
    };

    public static string PeriodWord(LimitPeriod period) => period == LimitPeriod.Year ? "year" : "month";

    private static string Num(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
