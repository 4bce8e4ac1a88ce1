using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.ServiceDefaults.Security;

namespace Platform.Redemption.Security;

/// <summary>Finds the supermarket (and its villages) behind what Redemption's RPCs address.</summary>
internal static class RedemptionScopes
{
    /// <summary>A supermarket's own clerks, and the village admins of the villages it serves.</summary>
    public static async Task<RequestScope?> SupermarketAsync(IServiceProvider services, string? code, CancellationToken ct)
    {
        if (ScopeKey.Clean(code) is not { } key)
        {
            return null;
        }

        var villages = await Db(services).SupermarketVillages.Where(v => v.SupermarketCode == key).Select(v => v.VillageCode).ToListAsync(ct);
        return villages.Count == 0 ? Scope.Supermarket(key) : Scope.Either(Scope.Supermarket(key), Scope.Villages(villages));
    }

    public static Task<RequestScope?> CounterAsync(IServiceProvider services, string? code, CancellationToken ct) =>
        CounterAsync(services, code, null, ct);

    /// <summary>
    /// A counter is reached through its supermarket alone. The household's village (as the request
    /// names it, else the supermarket's only village) is recorded for the audit trail.
    /// </summary>
    public static async Task<RequestScope?> CounterAsync(IServiceProvider services, string? code, string? householdVillage, CancellationToken ct)
    {
        if (ScopeKey.Clean(code) is not { } key)
        {
            return null;
        }

        var place = await services.GetRequiredService<CounterDirectory>().FindAsync(Db(services), key, ct);
        var village = string.IsNullOrWhiteSpace(householdVillage) && place?.Villages.Length == 1 ? place.Villages[0] : householdVillage;
        return place is null ? null : Scope.Supermarket(place.Supermarket).Naming(village);
    }

    public static async Task<RequestScope?> OrderAsync(IServiceProvider services, string? id, CancellationToken ct)
    {
        if (ScopeKey.Clean(id) is not { } key)
        {
            return null;
        }

        var order = await Db(services).Orders.Where(o => o.Id == key).Select(o => new { o.SupermarketCode, o.VillageCode }).FirstOrDefaultAsync(ct);
        return order is null ? null : Scope.Supermarket(order.SupermarketCode).Naming(order.VillageCode);
    }

    private static RedemptionDb Db(IServiceProvider services) => services.GetRequiredService<RedemptionDb>();
}
