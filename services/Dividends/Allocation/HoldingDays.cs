namespace Platform.Dividends.Allocation;

/// <summary>Days a holding counts in a period, with day granularity, both ends inclusive.</summary>
internal static class HoldingDays
{
    /// <summary>Days of 365 per year and 366 per year, summed with weights 366 and 365, so a
    /// guarantee over days of leap and common years is one exact fraction over 365 × 366.</summary>
    public const long YearDaysDenominator = 365L * 366L;

    public static long In(HeldShares holding, DateOnly from, DateOnly to)
    {
        var (start, end) = Overlap(holding, from, to);
        return end < start ? 0 : end.DayNumber - start.DayNumber + 1;
    }

    /// <summary>The fraction of a year the holding was held in the period, times 365 × 366.</summary>
    public static long YearFraction(HeldShares holding, DateOnly from, DateOnly to)
    {
        var (start, end) = Overlap(holding, from, to);
        long sum = 0;
        for (var year = start.Year; year <= end.Year && start <= end; year++)
        {
            var first = year == start.Year ? start : new DateOnly(year, 1, 1);
            var last = year == end.Year ? end : new DateOnly(year, 12, 31);
            long days = last.DayNumber - first.DayNumber + 1;
            sum += days * (DateTime.IsLeapYear(year) ? 365 : 366);
        }

        return sum;
    }

    private static (DateOnly Start, DateOnly End) Overlap(HeldShares holding, DateOnly from, DateOnly to)
    {
        var start = holding.From > from ? holding.From : from;
        var end = holding.To is { } until && until < to ? until : to;
        return (start, end);
    }
}
