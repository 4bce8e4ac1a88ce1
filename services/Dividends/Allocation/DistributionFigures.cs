namespace Platform.Dividends.Allocation;

/// <summary>The year's accounts a distribution starts from, in fen; the period's days are both inclusive.</summary>
internal sealed record DistributionFigures(
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    long IncomeFen,
    long ExpensesFen,
    long BroughtForwardFen,
    long LossCarriedForwardFen);
