namespace Platform.Redemption.Orders;

/// <summary>
/// Units of a limited item a household has taken in a period (pending and completed orders,
/// less returns). Raised by a conditional upsert that refuses to pass the limit.
/// </summary>
internal sealed class HouseholdUsage
{
    public required string SupermarketCode { get; set; }

    public required string Sku { get; set; }

    public required string VillageCode { get; set; }

    public required string HouseholdNumber { get; set; }

    public required string Period { get; set; }

    public int Quantity { get; set; }
}
