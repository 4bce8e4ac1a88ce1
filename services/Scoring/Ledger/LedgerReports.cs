using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.Scoring.Leaderboards;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Ledger;

/// <summary>Leaderboards and totals: what a village notice and a county office read.</summary>
internal sealed class LedgerReports(ScoringDb db, Lookups lookups, ILeaderboardStore leaderboards, TimeProvider time)
{
    public const int MaxTop = 100;

    public async Task<Api.Leaderboard> LeaderboardAsync(Api.GetLeaderboardRequest request, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        var period = Period.Parse(request.Period, time.GetUtcNow().UtcDateTime);
        var kind = request.List switch
        {
            Api.LeaderboardList.Red => LeaderboardKind.Red,
            Api.LeaderboardList.Black => LeaderboardKind.Black,
            _ => throw DomainException.Invalid("LIST_INVALID", "Choose the red list (most earned) or the black list (most deducted).",
                "list"),
        };
        var top = request.Top switch
        {
            0 => 10,
            < 0 or > MaxTop => throw DomainException.Invalid("TOP_INVALID", $"Ask for the top 1 to {MaxTop}.",
                "top"),
            _ => request.Top,
        };
        return await ViewAsync(village.Code, period, kind, top, ct);
    }

    /// <summary>Recomputes a village's month of both lists from the ledger and replaces them.</summary>
    public async Task<Api.Leaderboard> RebuildAsync(Api.RebuildLeaderboardRequest request, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        var period = Period.Parse(request.Period, time.GetUtcNow().UtcDateTime);
        var entries = await (
                from e in db.Entries.AsNoTracking()
                where e.VillageCode == village.Code && e.Period == period
                      && (e.Kind == EntryKind.Award || e.Kind == EntryKind.Deduction || e.Kind == EntryKind.Reversal)
                join h in db.Households on e.HouseholdId equals h.Id
                select new PostedEntry(e.Id, h.Number, e.Kind.ToString(), e.Points, e.RuleCode, e.Period))
            .ToListAsync(ct);
        await leaderboards.ReplaceAsync(village.Code, period, LeaderboardScores.From(village.Code, entries).ToList());
        return await ViewAsync(village.Code, period, LeaderboardKind.Red, 10, ct);
    }

    public async Task<Api.Totals> VillageTotalsAsync(string? villageCode, CancellationToken ct)
    {
        var village = await lookups.VillageAsync(villageCode, ct);
        return await TotalsAsync(village.Code, [village.Code], ct);
    }

    public async Task<Api.Totals> CountyTotalsAsync(string? county, CancellationToken ct)
    {
        var name = Input.Text(county, "county", "county name");
        var villages = await db.Villages.AsNoTracking().Where(v => v.County == name).Select(v => v.Code).ToListAsync(ct);
        if (villages.Count == 0)
        {
            throw DomainException.NotFound("COUNTY_NOT_FOUND", $"No village of county {name} is registered.");
        }

        return await TotalsAsync(name, villages, ct);
    }

    private async Task<Api.Totals> TotalsAsync(string scope, List<string> villages, CancellationToken ct)
    {
        var accounts = await db.Accounts.AsNoTracking().Where(a => villages.Contains(a.VillageCode))
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Balance = g.Sum(a => a.Balance),
                Held = g.Sum(a => a.Held),
                Awarded = g.Sum(a => a.Awarded),
                Deducted = g.Sum(a => a.Deducted),
                Captured = g.Sum(a => a.Captured),
                Expired = g.Sum(a => a.Expired),
            }).FirstOrDefaultAsync(ct);
        var posted = await db.Entries.AsNoTracking()
            .Where(e => villages.Contains(e.VillageCode) && e.Kind != EntryKind.HoldCaptured && e.Kind != EntryKind.Refund && e.Kind != EntryKind.Expiry)
            .SumAsync(e => (long?)e.Points, ct) ?? 0;
        return new Api.Totals
        {
            Scope = scope,
            Villages = villages.Count,
            Households = accounts?.Count ?? 0,
            Balance = accounts?.Balance ?? 0,
            Held = accounts?.Held ?? 0,
            Awarded = accounts?.Awarded ?? 0,
            Deducted = accounts?.Deducted ?? 0,
            Captured = accounts?.Captured ?? 0,
            Posted = posted,
            Expired = accounts?.Expired ?? 0,
        };
    }

    private async Task<Api.Leaderboard> ViewAsync(string village, string period, LeaderboardKind kind, int top, CancellationToken ct)
    {
        var lines = await leaderboards.TopAsync(village, period, kind, top);
        var numbers = lines.Select(l => l.HouseholdNumber).ToList();
        var heads = await db.Households.AsNoTracking().Where(h => h.VillageCode == village && numbers.Contains(h.Number))
            .ToDictionaryAsync(h => h.Number, h => h.HeadName, ct);
        return new Api.Leaderboard
        {
            VillageCode = village,
            Period = period,
            List = kind == LeaderboardKind.Red ? Api.LeaderboardList.Red : Api.LeaderboardList.Black,
            Lines =
            {
                lines.Select((l, i) => new Api.LeaderboardLine
                {
                    Rank = i + 1,
                    HouseholdNumber = l.HouseholdNumber,
                    HeadName = heads.GetValueOrDefault(l.HouseholdNumber, string.Empty),
                    Points = l.Points,
                }),
            },
        };
    }
}
