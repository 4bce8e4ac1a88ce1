using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;

namespace Platform.Dividends.Income;

/// <summary>A period's income and expenses summed from the recorded lines, reversals included.</summary>
internal sealed record IncomeTotals(long IncomeFen, long ExpensesFen, int LineCount)
{
    /// <summary>The lines whose period ends within the days given, so each line counts in exactly one of a cooperative's consecutive periods.</summary>
    public static IQueryable<IncomeLine> Of(DividendsDb db, string cooperativeCode, DateOnly from, DateOnly to) =>
        db.IncomeLines.AsNoTracking().Where(l => l.CooperativeCode == cooperativeCode && l.PeriodTo >= from && l.PeriodTo <= to);

    public static async Task<IncomeTotals> OfPeriodAsync(DividendsDb db, string cooperativeCode, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var sums = await Of(db, cooperativeCode, from, to)
            .GroupBy(l => l.Source != null)
            .Select(g => new { Income = g.Key, Fen = g.Sum(l => l.AmountFen), Count = g.Count() })
            .ToListAsync(ct);
        return new IncomeTotals(
            sums.Where(s => s.Income).Sum(s => s.Fen),
            sums.Where(s => !s.Income).Sum(s => s.Fen),
            sums.Sum(s => s.Count));
    }
}
