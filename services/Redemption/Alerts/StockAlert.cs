namespace Platform.Redemption.Alerts;

/// <summary>
/// A low-stock alert of one supermarket's SKU, recorded from the StockLow event and cleared when
/// received stock brings the item back to its threshold. At most one is open per SKU. (Expiry
/// alerts are worked out from the lots when asked: <see cref="StockAlerts"/>.)
/// </summary>
internal sealed class StockAlert
{
    public long Id { get; set; }

    public required string SupermarketCode { get; set; }

    public required string Sku { get; set; }

    public StockAlertKind Kind { get; set; }

    /// <summary>The item's name and figures as the event gave them.</summary>
    public required string Name { get; set; }

    public long OnHand { get; set; }

    public int Threshold { get; set; }

    /// <summary>When stock fell below the threshold (the event's time).</summary>
    public DateTime RaisedAt { get; set; }

    /// <summary>Null while open.</summary>
    public DateTime? ClearedAt { get; set; }

    public Guid EventId { get; set; }
}
