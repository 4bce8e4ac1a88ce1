namespace Platform.Redemption.Orders;

/// <summary>One SKU of an order, priced when the order was taken.</summary>
internal sealed class OrderLine
{
    public required string OrderId { get; set; }

    public int LineNumber { get; set; }

    public required string Sku { get; set; }

    public required string Name { get; set; }

    public required string Unit { get; set; }

    public int Quantity { get; set; }

    public long UnitPoints { get; set; }

    public long Points { get; set; }

    /// <summary>The limit period the line counts in (yyyy-MM or yyyy), when the item has a limit.</summary>
    public string? LimitPeriod { get; set; }

    /// <summary>Units brought back or being brought back (pending returns included).</summary>
    public int ReturnedQuantity { get; set; }
}
