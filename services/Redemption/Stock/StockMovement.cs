namespace Platform.Redemption.Stock;

/// <summary>One change of stock of one lot. Append-only: never updated or deleted.</summary>
internal sealed class StockMovement
{
    public long Id { get; set; }

    public required string SupermarketCode { get; set; }

    public required string Sku { get; set; }

    public long LotId { get; set; }

    public MovementKind Kind { get; set; }

    /// <summary>Signed: into stock positive, out of stock negative.</summary>
    public long Quantity { get; set; }

    public required string Reason { get; set; }

    public string? OrderId { get; set; }

    public required string Actor { get; set; }

    public DateTime At { get; set; }

    public required string RequestId { get; set; }
}
