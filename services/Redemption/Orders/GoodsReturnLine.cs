namespace Platform.Redemption.Orders;

internal sealed class GoodsReturnLine
{
    public required string ReturnId { get; set; }

    public required string Sku { get; set; }

    public int Quantity { get; set; }

    public long Points { get; set; }
}
