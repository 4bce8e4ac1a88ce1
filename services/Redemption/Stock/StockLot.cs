namespace Platform.Redemption.Stock;

/// <summary>Goods of one SKU received together (a donation, a purchase, a transfer in).</summary>
internal sealed class StockLot
{
    public long Id { get; set; }

    public required string SupermarketCode { get; set; }

    public required string Sku { get; set; }

    public LotSource Source { get; set; }

    /// <summary>The donor, the supplier, or the supermarket a transfer came from.</summary>
    public required string SourceName { get; set; }

    public DonorKind DonorKind { get; set; }

    /// <summary>The donor asked not to be named in public (the public list shows 爱心人士).</summary>
    public bool DonorAnonymous { get; set; }

    /// <summary>Value (donation) or cost (purchase) in fen, for reports.</summary>
    public long ValueFen { get; set; }

    public long QuantityReceived { get; set; }

    /// <summary>Units of this lot still in stock: the sum of the lot's movements.</summary>
    public long OnHand { get; set; }

    public DateOnly? BestBefore { get; set; }

    public DateTime ReceivedAt { get; set; }

    public required string RequestId { get; set; }
}
