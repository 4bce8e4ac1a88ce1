using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Ledger;

/// <summary>
/// The year's figures, read from the ledger: the ranking in one grouped query (a county's
/// village has hundreds of households, a county 70,000), the statement from sums by month and kind.
/// </summary>
internal sealed class YearFigures(ScoringDb db, Lookups lookups, TimeProvider time)
{
    public const int DefaultTop = 10;
    public const int MaxTop = 100;
    public const int MaxEntries = 10_000;

    public async Task<Api.YearRanking> RankingAsync(Api.GetYearRankingRequest request, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        var (first, last) = Months(request.Year);
        var top = request.Top switch
        {
            0 => DefaultTop,
            < 0 or > MaxTop => throw DomainException.Invalid("TOP_INVALID", $"Ask for the top 1 to {MaxTop}.", "top"),
            _ => request.Top,
        };

        var rows = await RankingQuery(village.Code, first, last, top).ToListAsync(ct);
        return new Api.YearRanking
        {
            VillageCode = village.Code,
            Year = request.Year,
            Households =
            {
                rows.Select((x, i) => new Api.RankedHousehold
                {
                    Rank = i + 1, HouseholdNumber = x.Number, HeadName = x.HeadName, Earned = x.Earned, Deducted = x.Deducted,
                }),
            },
        };
    }

    /// <summary>
    /// The ranking as one statement (GROUP BY household, ORDER BY, LIMIT): awards and deductions
    /// net of their reversals; nothing else counts.
    /// </summary>
    internal IQueryable<RankedRow> RankingQuery(string villageCode, string first, string last, int top) =>
        (from e in db.Entries.AsNoTracking()
         where e.VillageCode == villageCode && string.Compare(e.Period, first) >= 0 && string.Compare(e.Period, last) <= 0
               && (e.Kind == EntryKind.Award || e.Kind == EntryKind.Deduction || e.Kind == EntryKind.Reversal)
         join r in db.Entries.AsNoTracking() on e.ReversesEntryId equals (long?)r.Id into reversed
         from r in reversed.DefaultIfEmpty()
         join h in db.Households.AsNoTracking() on e.HouseholdId equals h.Id
         where h.Status == HouseholdStatus.Active
         select new { h.Number, h.HeadName, e.Kind, e.Points, Reverses = r == null ? (EntryKind?)null : r.Kind })
        .GroupBy(x => new { x.Number, x.HeadName })
        .Select(g => new RankedRow
        {
            Number = g.Key.Number,
            HeadName = g.Key.HeadName,
            Earned = g.Sum(x => x.Kind == EntryKind.Award || (x.Kind == EntryKind.Reversal && x.Reverses == EntryKind.Award) ? x.Points : 0L),
            Deducted = g.Sum(x => x.Kind == EntryKind.Deduction || (x.Kind == EntryKind.Reversal && x.Reverses == EntryKind.Deduction) ? -x.Points : 0L),
        })
        .Where(x => x.Earned > 0)
        .OrderByDescending(x => x.Earned).ThenBy(x => x.Deducted).ThenBy(x => x.Number)
        .Take(top);

    public async Task<Api.YearStatement> StatementAsync(Api.GetYearStatementRequest request, CancellationToken ct)
    {
        var household = await lookups.HouseholdAsync(request.Household, ct, mustBeActive: false);
        var (first, last) = Months(request.Year);
        var opening = await db.Entries.AsNoTracking().Where(e => e.HouseholdId == household.Id && string.Compare(e.Period, first) < 0)
            .SumAsync(e => (long?)e.Points, ct) ?? 0;
        var sums = await db.Entries.AsNoTracking()
            .Where(e => e.HouseholdId == household.Id && string.Compare(e.Period, first) >= 0 && string.Compare(e.Period, last) <= 0)
            .GroupBy(e => new { e.Period, e.Kind })
            .Select(g => new { g.Key.Period, g.Key.Kind, Points = g.Sum(e => e.Points) })
            .ToListAsync(ct);
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.HouseholdId == household.Id && string.Compare(e.Period, first) >= 0 && string.Compare(e.Period, last) <= 0)
            .OrderBy(e => e.Id).Take(MaxEntries + 1).ToListAsync(ct);
        var ids = entries.Select(e => e.Id).ToList();
        var reversedBy = await db.Entries.AsNoTracking().Where(e => e.ReversesEntryId != null && ids.Contains(e.ReversesEntryId.Value))
            .ToDictionaryAsync(e => e.ReversesEntryId!.Value, e => e.Id, ct);

        var statement = new Api.YearStatement
        {
            VillageCode = household.VillageCode,
            HouseholdNumber = household.Number,
            Year = request.Year,
            OpeningBalance = opening,
            Totals = new Api.Movements(),
            Entries = { entries.Take(MaxEntries).Select(e => LedgerService.ToApi(e, household.Number, reversedBy.GetValueOrDefault(e.Id))) },
            EntriesTruncated = entries.Count > MaxEntries,
        };
        var balance = opening;
        for (var month = 1; month <= 12; month++)
        {
            var period = $"{request.Year:D4}-{month:D2}";
            var line = new Api.MonthStatement { Period = period, OpeningBalance = balance, Movements = new Api.Movements() };
            foreach (var sum in sums.Where(s => s.Period == period).OrderBy(s => s.Kind))
            {
                YearMovements.Add(line.Movements, sum.Kind, sum.Points);
                YearMovements.Add(statement.Totals, sum.Kind, sum.Points);
            }

            balance += YearMovements.Net(line.Movements);
            line.ClosingBalance = balance;
            statement.Months.Add(line);
        }

        statement.ClosingBalance = balance;
        return statement;
    }

    /// <summary>One household's figures for the ranking (a class with setters, so EF can order by them).</summary>
    internal sealed class RankedRow
    {
        public required string Number { get; init; }

        public required string HeadName { get; init; }

        public long Earned { get; init; }

        public long Deducted { get; init; }
    }

    /// <summary>The year's first and last periods; a year from 2000 to the current one.</summary>
    private (string First, string Last) Months(int year)
    {
        var now = time.GetUtcNow().UtcDateTime.Year;
        if (year < 2000 || year > now)
        {
            throw DomainException.Invalid("YEAR_INVALID", $"The year is 2000 to {now}; {year} is not.", "year");
        }

        return ($"{year:D4}-01", $"{year:D4}-12");
    }
}
