namespace Platform.Dividends.Income;

/// <summary>A fund's balance; it changes only by conditional updates, each with its movement beside it.</summary>
internal sealed class FundBalance
{
    public required string CooperativeCode { get; init; }

    public Fund Fund { get; init; }

    public long BalanceFen { get; init; }
}
