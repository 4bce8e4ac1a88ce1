namespace Platform.Dividends.Income;

/// <summary>One change of a fund, append-only: a distribution's part paid in, or money spent from it.</summary>
internal sealed class FundMovement
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public Fund Fund { get; init; }

    /// <summary>Positive into the fund, negative out of it.</summary>
    public long AmountFen { get; init; }

    /// <summary>The fund's balance just after this movement.</summary>
    public long BalanceAfterFen { get; init; }

    /// <summary>Set when a published distribution paid its part in.</summary>
    public long? DistributionId { get; init; }

    public string Purpose { get; init; } = string.Empty;

    public DateOnly OccurredOn { get; init; }

    public DateTime RecordedAt { get; init; }
}
