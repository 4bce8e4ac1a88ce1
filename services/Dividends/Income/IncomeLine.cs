namespace Platform.Dividends.Income;

/// <summary>
/// One line of a cooperative's collective accounts: an income (Source set) or an expense (Expense
/// set), for the period it covers. Append-only: a correction is a new line reversing the whole
/// amount of another (ReversesLineId), after which the right figure is recorded again.
/// </summary>
internal sealed class IncomeLine
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public IncomeSource? Source { get; init; }

    public ExpenseKind? Expense { get; init; }

    public string ContractNumber { get; init; } = string.Empty;

    public string Counterparty { get; init; } = string.Empty;

    public string Note { get; init; } = string.Empty;

    public DateOnly PeriodFrom { get; init; }

    /// <summary>A line counts in the distribution whose period contains this day.</summary>
    public DateOnly PeriodTo { get; init; }

    /// <summary>Negative only on a reversing line.</summary>
    public long AmountFen { get; init; }

    public long? ReversesLineId { get; init; }

    public DateTime RecordedAt { get; init; }

    public bool IsIncome => Source is not null;
}
