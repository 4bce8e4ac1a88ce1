using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Errors;

namespace Platform.Redemption.GiftRuns;

/// <summary>
/// Creating, locking and ending gift runs, inside the caller's transaction. Every change to a
/// run's shares first locks the run's row (a conditional update that also finds it open), so
/// hand-outs and closing a run are taken one at a time per run, always in the order run, shares,
/// lots, item: the counter takes lots before items too, and never touches runs or shares.
/// </summary>
internal sealed class GiftRunBook(RedemptionDb db, StockBook stock, TimeProvider time)
{
    public const int MaxListed = 5000;

    /// <summary>Creates the run and fixes its list of eligible households, refusing a list naming households it cannot give to.</summary>
    public async Task<GiftRun> CreateAsync(GiftRunPlan plan, IReadOnlyList<string> villages, CancellationToken ct)
    {
        var item = await stock.ItemAsync(plan.Supermarket, plan.Sku, ct);
        var households = plan.Rule == GiftRule.List
            ? await ListedAsync(plan, villages, ct)
            : await db.Households.AsNoTracking().Where(h => villages.Contains(h.VillageCode) && !h.Merged).ToListAsync(ct);
        var chosen = plan.Choose(households).OrderBy(h => h.VillageCode, StringComparer.Ordinal).ThenBy(h => h.Number, StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            throw DomainException.Precondition("GIFT_RUN_EMPTY",
                $"No household of the villages supermarket {plan.Supermarket} serves ({string.Join(", ", villages)}) is one of {GiftEligibility.Describe(plan.Rule, plan.ChildAgeUnder)} on {plan.OnDay:yyyy-MM-dd}, so the run would give to nobody.");
        }

        var run = new GiftRun
        {
            SupermarketCode = plan.Supermarket,
            Sku = item.Sku,
            ItemName = item.Name,
            Unit = item.Unit,
            QuantityPerHousehold = plan.QuantityPerHousehold,
            Title = plan.Title,
            Rule = plan.Rule,
            ChildAgeUnder = plan.Rule == GiftRule.ChildUnderAge ? plan.ChildAgeUnder : 0,
            OnDay = plan.OnDay,
            Households = chosen.Count,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = plan.Actor,
        };
        db.GiftRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.GiftShares.AddRange(chosen.Select(h => new GiftShare
        {
            RunId = run.Id,
            VillageCode = h.VillageCode,
            HouseholdNumber = h.Number,
            HeadName = h.HeadName,
            Quantity = plan.QuantityPerHousehold,
            StockRequestId = GiftShare.StockRequestIdOf(run.Id, h.VillageCode, h.Number),
        }));
        await db.SaveChangesAsync(ct);
        return run;
    }

    /// <summary>
    /// Locks an open run's row for the rest of the transaction and reads it; refuses a run that
    /// is not the supermarket's or has ended.
    /// </summary>
    public async Task<GiftRun> LockOpenAsync(string supermarket, long runId, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var locked = await db.GiftRuns.Where(r => r.Id == runId && r.SupermarketCode == supermarket && r.Status == GiftRunStatus.Open)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.LastHandOutAt, now), ct);
        var run = await FindAsync(supermarket, runId, ct);
        return locked == 1 ? run : throw GiftRunErrors.RunEnded(run);
    }

    public async Task<GiftRun> FindAsync(string supermarket, long runId, CancellationToken ct) =>
        await db.GiftRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.SupermarketCode == supermarket, ct)
        ?? throw GiftRunErrors.RunNotFound(supermarket, runId);

    /// <summary>Adds what a hand-out gave to the run's figures (its row is locked already).</summary>
    public Task<int> CountAsync(long runId, int households, long units, CancellationToken ct) =>
        db.GiftRuns.Where(r => r.Id == runId)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.HouseholdsReceived, r => r.HouseholdsReceived + households)
                .SetProperty(r => r.UnitsHandedOut, r => r.UnitsHandedOut + units), ct);

    /// <summary>Ends an open run: cancelled when nothing was handed out, closed otherwise.</summary>
    public async Task<GiftRun> CloseAsync(string supermarket, long runId, string reason, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ended = await db.GiftRuns.Where(r => r.Id == runId && r.SupermarketCode == supermarket && r.Status == GiftRunStatus.Open)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, r => r.HouseholdsReceived == 0 ? GiftRunStatus.Cancelled : GiftRunStatus.Closed)
                .SetProperty(r => r.ClosedAt, now)
                .SetProperty(r => r.ClosedBy, actor)
                .SetProperty(r => r.CloseReason, reason), ct);
        var run = await FindAsync(supermarket, runId, ct);
        return ended == 1 ? run : throw GiftRunErrors.RunEnded(run);
    }

    private async Task<List<Households.CachedHousehold>> ListedAsync(GiftRunPlan plan, IReadOnlyList<string> villages, CancellationToken ct)
    {
        var outside = plan.Listed.FirstOrDefault(h => !villages.Contains(h.Village));
        if (outside != default)
        {
            throw DomainException.Invalid("GIFT_HOUSEHOLD_OUTSIDE",
                $"Household {outside.Number} of village {outside.Village} is not in a village supermarket {plan.Supermarket} serves ({string.Join(", ", villages)}).",
                "households", ("household_number", outside.Number));
        }

        var listed = plan.Listed.ToHashSet();
        var numbers = plan.Listed.Select(h => h.Number).Distinct().ToList();
        var found = (await db.Households.AsNoTracking().Where(h => villages.Contains(h.VillageCode) && numbers.Contains(h.Number)).ToListAsync(ct))
            .Where(h => listed.Contains((h.VillageCode, h.Number))).ToList();
        var known = found.Select(h => (h.VillageCode, h.Number)).ToHashSet();
        var unknown = plan.Listed.Where(l => !known.Contains(l)).ToList();
        if (unknown.Count > 0)
        {
            throw DomainException.Invalid("GIFT_HOUSEHOLDS_UNKNOWN",
                $"{unknown.Count} of the households listed are not known here: {string.Join(", ", unknown.Take(10).Select(u => $"{u.Village}/{u.Number}"))}{(unknown.Count > 10 ? ", …" : string.Empty)}.",
                "households", ("household_number", unknown[0].Number));
        }

        var merged = found.FirstOrDefault(h => h.Merged);
        return merged is not null ? throw GiftRunErrors.Merged(merged.VillageCode, merged.Number, merged.MergedInto) : found;
    }
}
