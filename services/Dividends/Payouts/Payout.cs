namespace Platform.Dividends.Payouts;

/// <summary>The payment of one member's allocation, under the caller's payout id.</summary>
internal sealed class Payout
{
    public required string PayoutId { get; init; }

    public long DistributionId { get; init; }

    public required string CooperativeCode { get; init; }

    public long MemberId { get; init; }

    public long AmountFen { get; init; }

    public PayoutMethod Method { get; set; }

    public string? Account { get; set; }

    public PayoutStatus Status { get; set; }

    public string? FailureReason { get; set; }

    public string? Reference { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? PaidAt { get; set; }
}
