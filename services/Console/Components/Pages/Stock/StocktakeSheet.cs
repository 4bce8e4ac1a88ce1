using System.Globalization;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.WebConsole.Components.Pages.Stock;

/// <summary>
/// A stocktake being typed in: the system's quantity per item, what the clerk counted, and the
/// signed difference (counted − system). Only lines that differ are sent, each under a key made
/// once from the sheet's key, so a retry after a lost answer records nothing twice.
/// </summary>
internal sealed class StocktakeSheet(string key, IEnumerable<RedemptionApi.StockLine> stock)
{
    public string Key { get; } = key;

    public IReadOnlyList<StocktakeLine> Lines { get; } =
        stock.Select(s => new StocktakeLine(s.Sku, s.Name, s.Unit, s.OnHand)).ToList();

    /// <summary>A difference as the clerk reads it: +3, -2, 0; nothing while uncounted.</summary>
    public static string Signed(long? difference) => difference switch
    {
        null => string.Empty,
        > 0 => "+" + difference.Value.ToString(CultureInfo.InvariantCulture),
        _ => difference.Value.ToString(CultureInfo.InvariantCulture),
    };

    public IReadOnlyList<StocktakeLine> Differences => Lines.Where(l => l.Differs).ToList();

    /// <summary>A negative count cannot be confirmed.</summary>
    public bool Valid => Lines.All(l => l.Counted is null or >= 0);

    public IReadOnlyList<RedemptionApi.CountStockRequest> Requests(string supermarket, string actor, string note) =>
        Differences.Where(l => !l.Recorded).Select(l => new RedemptionApi.CountStockRequest
        {
            IdempotencyKey = $"{Key}-{l.Sku}",
            SupermarketCode = supermarket,
            Sku = l.Sku,
            Counted = l.Counted!.Value,
            Note = note,
            Actor = actor,
        }).ToList();

    public void MarkRecorded(string sku, RedemptionApi.StockChange change)
    {
        var line = Lines.First(l => l.Sku == sku);
        line.Recorded = true;
        line.Change = change;
    }
}

internal sealed class StocktakeLine(string sku, string name, string unit, long systemQuantity)
{
    public string Sku { get; } = sku;

    public string Name { get; } = name;

    public string Unit { get; } = unit;

    /// <summary>On hand as the service has it when the sheet was read.</summary>
    public long SystemQuantity { get; } = systemQuantity;

    /// <summary>Empty until the clerk types a count; an uncounted line is not sent.</summary>
    public long? Counted { get; set; }

    public long? Difference => Counted - SystemQuantity;

    public bool Differs => Counted is { } counted && counted != SystemQuantity;

    public bool Recorded { get; set; }

    public RedemptionApi.StockChange? Change { get; set; }
}
