namespace Platform.Redemption.Orders;

/// <summary>Goods brought back under the counter's return id; pending until Scoring refunded the points.</summary>
internal sealed class GoodsReturn
{
    public required string Id { get; set; }

    public required byte[] RequestHash { get; set; }

    public required string OrderId { get; set; }

    public OrderStatus Status { get; set; }

    public long Points { get; set; }

    public List<GoodsReturnLine> Lines { get; set; } = [];

    public required string Reason { get; set; }

    public required string Actor { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? CancelReason { get; set; }
}
