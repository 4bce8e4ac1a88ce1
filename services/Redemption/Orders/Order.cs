namespace Platform.Redemption.Orders;

/// <summary>A redemption under the counter's order id (also the Scoring hold id).</summary>
internal sealed class Order
{
    public required string Id { get; set; }

    public required byte[] RequestHash { get; set; }

    public required string SupermarketCode { get; set; }

    public required string CounterCode { get; set; }

    public required string VillageCode { get; set; }

    public required string HouseholdNumber { get; set; }

    public required string HeadName { get; set; }

    public OrderStatus Status { get; set; }

    public long Points { get; set; }

    public long AvailableAfter { get; set; }

    public long? CaptureEntryId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public string? CancelReason { get; set; }

    public required string Actor { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
}
