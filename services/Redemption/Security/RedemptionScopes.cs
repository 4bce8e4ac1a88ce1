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

    public static async Task<RequestScope?> CounterAsync(IServiceProvider services, string? code, CancellationToken ct)
    {
        if (ScopeKey.Clean(code) is not { } key)
        {
            return null;
        }

        var place = await services.GetRequiredService<CounterDirectory>().FindAsync(Db(services), key, ct);
        return place is null ? null : Scope.Supermarket(place.Supermarket);
    }

    public static async Task<RequestScope?> OrderAsync(IServiceProvider services, string? id, CancellationToken ct)
    {
        if (ScopeKey.Clean(id) is not { } key)
        {
            return null;
        }

        var supermarket = await Db(services).Orders.Where(o => o.Id == key).Select(o => o.SupermarketCode).FirstOrDefaultAsync(ct);
        return supermarket is null ? null : Scope.Supermarket(supermarket);
    }

    private static RedemptionDb Db(IServiceProvider services) => services.GetRequiredService<RedemptionDb>();
}
