using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Panels;

/// <summary>
/// For which households a panel member stands aside (回避). The one place that decides it, for
/// single approvals and for sheets alike: the member's own household, and every household linked
/// to it by a split (分户) or a merge (合户) — the family that split off, or the household his or
/// hers was merged into. A split or merge is known from its pair of transfer entries (same
/// request, same month); a split that moved no points left none and is not seen. And every
/// household that lists the panel member among its members by ID card number
/// (<see cref="PanelMember.IdCardNumber"/>, matched on the stored form), so that a member whose
/// family is registered under another household number, or one sent from outside who lives in
/// the village after all, stands aside for it too.
/// </summary>
internal static class Recusal
{
    public static async Task<IReadOnlyList<long>> HouseholdIdsAsync(ScoringDb db, PanelMember member, CancellationToken ct)
    {
        List<long> listing = member.IdCardNumber is { Length: > 0 } idCard
            ? await db.HouseholdMembers.AsNoTracking()
                .Where(m => m.VillageCode == member.VillageCode && m.IdCardNumber == idCard && m.RemovedAt == null)
                .Select(m => m.HouseholdId).Distinct().ToListAsync(ct)
            : [];
        return [.. (await LinkedHouseholdIdsAsync(db, member, ct)).Union(listing)];
    }

    private static async Task<IReadOnlyList<long>> LinkedHouseholdIdsAsync(ScoringDb db, PanelMember member, CancellationToken ct)
    {
        if (member.HouseholdNumber.Length == 0)
        {
            return [];
        }

        var own = await db.Households.AsNoTracking().Where(h => h.VillageCode == member.VillageCode && h.Number == member.HouseholdNumber)
            .Select(h => (long?)h.Id).FirstOrDefaultAsync(ct);
        if (own is not { } ownId)
        {
            return [];
        }

        var transfers = await db.Entries.AsNoTracking()
            .Where(e => e.HouseholdId == ownId && (e.Kind == EntryKind.TransferOut || e.Kind == EntryKind.TransferIn))
            .Select(e => new { e.RequestId, e.Period }).Distinct().ToListAsync(ct);
        if (transfers.Count == 0)
        {
            return [ownId];
        }

        var requests = transfers.Select(t => t.RequestId).Distinct().ToList();
        var periods = transfers.Select(t => t.Period).Distinct().ToList();
        var linked = await db.Entries.AsNoTracking()
            .Where(e => e.VillageCode == member.VillageCode && periods.Contains(e.Period) && requests.Contains(e.RequestId)
                && (e.Kind == EntryKind.TransferOut || e.Kind == EntryKind.TransferIn) && e.HouseholdId != ownId)
            .Select(e => e.HouseholdId).Distinct().ToListAsync(ct);
        return [ownId, .. linked];
    }

    /// <summary>Refuses when the member must stand aside for the household.</summary>
    public static async Task RequireAsync(ScoringDb db, PanelMember member, long householdId, string householdNumber, CancellationToken ct)
    {
        if (!(await HouseholdIdsAsync(db, member, ct)).Contains(householdId))
        {
            return;
        }

        var how = householdNumber == member.HouseholdNumber
            ? $"belongs to household {householdNumber}"
            : (await LinkedHouseholdIdsAsync(db, member, ct)).Contains(householdId)
                ? $"belongs to household {member.HouseholdNumber}, which split from or merged with household {householdNumber}"
                : $"is registered as a member of household {householdNumber} (by ID card number)";
        throw DomainException.Precondition("RECUSAL_REQUIRED",
            $"{member.Name} {how} and cannot approve its award or deduction; another panel member must.",
            ("member_id", member.MemberId), ("household_number", householdNumber));
    }
}
