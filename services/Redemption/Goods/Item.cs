namespace Platform.Redemption.Goods;

/// <summary>
/// A line of a supermarket's goods catalogue, with its running stock figures. On hand always
/// equals the sum of the item's movements; reserved counts units held by pending orders and is
/// changed only by conditional updates, so on hand never falls below reserved.
/// </summary>
internal sealed class Item
{
    public required string SupermarketCode { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public required string Unit { get; set; }

    public long PricePoints { get; set; }

    /// <summary>0 = no limit.</summary>
    public int LimitPerHousehold { get; set; }

    public LimitPeriod LimitPeriod { get; set; } = LimitPeriod.Month;

    public Eligibility Eligibility { get; set; } = Eligibility.Any;

    /// <summary>0 = never low.</summary>
    public int LowStockThreshold { get; set; }

    public bool Active { get; set; } = true;

    public int Version { get; set; }

    public long OnHand { get; set; }

    public long Reserved { get; set; }

    /// <summary>Set when on hand crossed below the threshold and the stock-low event was written.</summary>
    public bool Low { get; set; }

    public DateTime UpdatedAt { get; set; }
}
