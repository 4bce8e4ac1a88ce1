using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Stock;

namespace Platform.Redemption.GiftRuns;

/// <summary>
/// Gives shares of a run, inside the caller's (keyed) transaction: the run's row locked first,
/// then each share marked received by a conditional update (only while not received, so a
/// share is given once whatever runs at the same moment), then the stock taken first-expiring
/// lots first and the item settled last, as the counter does. No points are spent.
/// </summary>
internal sealed class GiftHandOuts(RedemptionDb db, GiftRunBook runs, StockBook stock, TimeProvider time)
{
    public sealed record Given(GiftRun Run, List<GiftShare> Shares, List<StockMovement> Movements, int MergedLeftOut);

    /// <summary>One household's share, at the counter.</summary>
    public async Task<Given> OneAsync(string supermarket, long runId, string? village, string household, string? collectedBy, string actor, string key,
        CancellationToken ct)
    {
        var run = await runs.LockOpenAsync(supermarket, runId, ct);
        var candidates = db.GiftShares.Where(s => s.RunId == run.Id && s.HouseholdNumber == household && (village == null || s.VillageCode == village));
        var onList = await candidates.AsNoTracking().ToListAsync(ct);
        if (onList.Count != 1)
        {
            // None, or (no village named) the same number in two villages of the list.
            throw onList.Count == 0
                ? GiftRunErrors.NotEligible(run, village ?? "(any)", household)
                : Platform.ServiceDefaults.Errors.DomainException.Invalid("GIFT_VILLAGE_REQUIRED",
                    $"Household number {household} is on the run's list in {string.Join(" and ", onList.Select(s => s.VillageCode))}; name the village.", "village_code");
        }

        var share = onList[0];
        var copy = await db.Households.AsNoTracking().FirstOrDefaultAsync(h => h.VillageCode == share.VillageCode && h.Number == share.HouseholdNumber, ct);
        if (copy is { Merged: true })
        {
            throw GiftRunErrors.Merged(copy.VillageCode, copy.Number, copy.MergedInto);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var marked = await db.GiftShares
            .Where(s => s.RunId == run.Id && s.VillageCode == share.VillageCode && s.HouseholdNumber == share.HouseholdNumber && s.ReceivedAt == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.ReceivedAt, now)
                .SetProperty(s => s.CollectedBy, collectedBy)
                .SetProperty(s => s.HandedOutBy, actor)
                .SetProperty(s => s.HandOutKey, key), ct);
        if (marked == 0)
        {
            var received = await db.GiftShares.AsNoTracking()
                .FirstAsync(s => s.RunId == run.Id && s.VillageCode == share.VillageCode && s.HouseholdNumber == share.HouseholdNumber, ct);
            throw GiftRunErrors.AlreadyReceived(run, received);
        }

        var movements = await stock.TakeAsync(supermarket, run.Sku, share.Quantity, MovementKind.Gifted, Reason(run, share), null, actor,
            share.StockRequestId, fromReserved: false, lotId: 0, ct);
        await runs.CountAsync(run.Id, 1, share.Quantity, ct);
        await db.SaveChangesAsync(ct);
        var given = await db.GiftShares.AsNoTracking()
            .FirstAsync(s => s.RunId == run.Id && s.VillageCode == share.VillageCode && s.HouseholdNumber == share.HouseholdNumber, ct);
        return new Given(await runs.FindAsync(supermarket, run.Id, ct), [given], movements, 0);
    }

    /// <summary>
    /// Every share not yet received (of one village, or all), for a cadre to deliver; merged
    /// households are left out. All or nothing: refused with the figures when the stock that can
    /// be handed out does not cover them.
    /// </summary>
    public async Task<Given> RemainingAsync(string supermarket, long runId, string? village, string deliveredBy, string actor, string key,
        CancellationToken ct)
    {
        var run = await runs.LockOpenAsync(supermarket, runId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var open = db.GiftShares.Where(s => s.RunId == run.Id && s.ReceivedAt == null && (village == null || s.VillageCode == village));
        var merged = await open.CountAsync(s => db.Households.Any(h => h.VillageCode == s.VillageCode && h.Number == s.HouseholdNumber && h.Merged), ct);
        var marked = await open
            .Where(s => !db.Households.Any(h => h.VillageCode == s.VillageCode && h.Number == s.HouseholdNumber && h.Merged))
            .ExecuteUpdateAsync(u => u
                .SetProperty(s => s.ReceivedAt, now)
                .SetProperty(s => s.CollectedBy, deliveredBy)
                .SetProperty(s => s.HandedOutBy, actor)
                .SetProperty(s => s.HandOutKey, key), ct);
        if (marked == 0)
        {
            throw Platform.ServiceDefaults.Errors.DomainException.Precondition("GIFT_NOTHING_REMAINING",
                $"Every share of gift run {run.Id} ({run.Title}){(village is null ? string.Empty : $" in village {village}")} has been received"
                + (merged > 0 ? $" except {merged} of merged households, which are not given" : string.Empty) + ".",
                ("run_id", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var shares = (await db.GiftShares.AsNoTracking().Where(s => s.RunId == run.Id && s.HandOutKey == key).ToListAsync(ct))
            .OrderBy(s => s.VillageCode, StringComparer.Ordinal).ThenBy(s => s.HouseholdNumber, StringComparer.Ordinal).ToList();
        var units = shares.Sum(s => s.Quantity);
        var available = await GiftRunViews.AvailableAsync(db, supermarket, run.Sku, GiftRunViews.Today(time), ct);
        if (available < units)
        {
            throw GiftRunErrors.StockShort(run, units, available);
        }

        // Lots share by share (each share's movements carry its own request id), the item once, last.
        var movements = new List<StockMovement>();
        foreach (var share in shares)
        {
            movements.AddRange(await stock.TakeFromLotsAsync(supermarket, run.Sku, share.Quantity, MovementKind.Gifted, Reason(run, share), null, actor,
                share.StockRequestId, fromReserved: false, lotId: 0, ct));
        }

        await stock.SettleItemAsync(supermarket, run.Sku, units, fromReserved: false, ct);
        await runs.CountAsync(run.Id, shares.Count, units, ct);
        await db.SaveChangesAsync(ct);
        return new Given(await runs.FindAsync(supermarket, run.Id, ct), shares, movements, merged);
    }

    private static string Reason(GiftRun run, GiftShare share) =>
        $"Gift run {run.Id} ({run.Title}) to household {share.HouseholdNumber} of {share.VillageCode}";
}
