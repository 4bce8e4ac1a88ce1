namespace Platform.Redemption.GiftRuns;

/// <summary>
/// Goods given free to a group of households: one item, a quantity per household, and the list
/// of eligible households fixed when the run is created (<see cref="GiftShare"/>). The running
/// figures are moved by the hand-outs in their own transactions, after the run row is locked.
/// </summary>
internal sealed class GiftRun
{
    public long Id { get; set; }

    public required string SupermarketCode { get; set; }

    public required string Sku { get; set; }

    public required string ItemName { get; set; }

    public required string Unit { get; set; }

    public long QuantityPerHousehold { get; set; }

    public required string Title { get; set; }

    public GiftRule Rule { get; set; }

    /// <summary>For <see cref="GiftRule.ChildUnderAge"/>: younger than this many years.</summary>
    public int ChildAgeUnder { get; set; }

    /// <summary>The day ages were judged on (China time).</summary>
    public DateOnly OnDay { get; set; }

    public GiftRunStatus Status { get; set; } = GiftRunStatus.Open;

    public int Households { get; set; }

    public int HouseholdsReceived { get; set; }

    public long UnitsHandedOut { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? CloseReason { get; set; }

    /// <summary>When a hand-out last locked the run (the lock that orders hand-outs and closing).</summary>
    public DateTime? LastHandOutAt { get; set; }
}
