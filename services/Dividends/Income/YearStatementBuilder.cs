using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Income;

/// <summary>
/// A cooperative's year in fen: its lines' income by source and expenses by kind (periods ending in
/// the year), and what the year's distribution gave the funds and the members.
/// </summary>
internal static class YearStatementBuilder
{
    public static async Task<Api.YearStatement> BuildAsync(DividendsDb db, string cooperative, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var lines = await IncomeTotals.Of(db, cooperative, from, to).ToListAsync(ct);
        var statement = new Api.YearStatement { CooperativeCode = cooperative, Year = year };
        foreach (var g in lines.Where(l => l.Source is not null).GroupBy(l => l.Source!.Value).OrderBy(g => g.Key))
        {
            statement.IncomeBySource.Add(new Api.SourceTotal { Source = (Api.IncomeSource)(int)g.Key, AmountFen = g.Sum(l => l.AmountFen) });
        }

        foreach (var g in lines.Where(l => l.Expense is not null).GroupBy(l => l.Expense!.Value).OrderBy(g => g.Key))
        {
            statement.ExpensesByKind.Add(new Api.ExpenseTotal { Kind = (Api.ExpenseKind)(int)g.Key, AmountFen = g.Sum(l => l.AmountFen) });
        }

        statement.IncomeFen = statement.IncomeBySource.Sum(s => s.AmountFen);
        statement.ExpensesFen = statement.ExpensesByKind.Sum(e => e.AmountFen);
        statement.NetIncomeFen = statement.IncomeFen - statement.ExpensesFen;

        // A draft may still change; the year's distribution is the latest one decided.
        var d = await db.Distributions.AsNoTracking()
            .Where(x => x.CooperativeCode == cooperative && x.PeriodTo >= from && x.PeriodTo <= to && x.Status != DistributionStatus.Draft)
            .OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        if (d is not null)
        {
            statement.DistributionId = d.Id;
            statement.DistributionFromIncomeLines = d.FromIncomeLines;
            statement.DistributableFen = d.DistributableFen;
            statement.ReserveFen = d.ReserveFen;
            statement.WelfareFen = d.WelfareFen;
            statement.RetainedFen = d.RetainedFen;
            statement.ToMembersFen = d.AllocatedFen;
        }

        return statement;
    }
}
