using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Security;

namespace Platform.Scoring.Security;

/// <summary>Finds the village or household of the things Scoring's RPCs address by id.</summary>
internal static class ScoringScopes
{
    public static async Task<RequestScope?> ProposalAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var village = await Db(services).Proposals.Where(p => p.Id == id).Select(p => p.VillageCode).FirstOrDefaultAsync(ct);
        return village is null ? null : Scope.Village(village);
    }

    public static async Task<RequestScope?> SheetAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var village = await Db(services).Sheets.Where(s => s.Id == id).Select(s => s.VillageCode).FirstOrDefaultAsync(ct);
        return village is null ? null : Scope.Village(village);
    }

    public static async Task<RequestScope?> EntryAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var db = Db(services);
        var household = await db.Entries.Where(e => e.Id == id)
            .Join(db.Households, e => e.HouseholdId, h => h.Id, (e, h) => new { h.VillageCode, h.Number })
            .FirstOrDefaultAsync(ct);
        return household is null ? null : Scope.Household(household.VillageCode, household.Number);
    }

    public static async Task<RequestScope?> HoldAsync(IServiceProvider services, string? id, CancellationToken ct)
    {
        var db = Db(services);
        if (ScopeKey.Clean(id) is not { } key)
        {
            return null;
        }

        var household = await db.Holds.Where(h => h.Id == key)
            .Join(db.Households, x => x.HouseholdId, h => h.Id, (x, h) => new { h.VillageCode, h.Number })
            .FirstOrDefaultAsync(ct);
        return household is null ? null : Scope.Household(household.VillageCode, household.Number);
    }

    private static ScoringDb Db(IServiceProvider services) => services.GetRequiredService<ScoringDb>();
}
