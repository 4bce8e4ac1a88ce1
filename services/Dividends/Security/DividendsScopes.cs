using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Security;

namespace Platform.Dividends.Security;

/// <summary>Finds the cooperative (and household) of the things Dividends' RPCs address by id.</summary>
internal static class DividendsScopes
{
    public static async Task<RequestScope?> DistributionAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var cooperative = await Db(services).Distributions.Where(d => d.Id == id).Select(d => d.CooperativeCode).FirstOrDefaultAsync(ct);
        return cooperative is null ? null : Scope.Cooperative(cooperative);
    }

    public static async Task<RequestScope?> PayoutAsync(IServiceProvider services, string? id, CancellationToken ct)
    {
        if (ScopeKey.Clean(id) is not { } key)
        {
            return null;
        }

        var cooperative = await Db(services).Payouts.Where(p => p.PayoutId == key).Select(p => p.CooperativeCode).FirstOrDefaultAsync(ct);
        return cooperative is null ? null : Scope.Cooperative(cooperative);
    }

    public static async Task<RequestScope?> RosterEntryAsync(IServiceProvider services, long id, CancellationToken ct)
    {
        var cooperative = await Db(services).Roster.Where(r => r.Id == id).Select(r => r.CooperativeCode).FirstOrDefaultAsync(ct);
        return cooperative is null ? null : Scope.Cooperative(cooperative);
    }

    /// <summary>A member's statement belongs to the cooperative and to the member's household.</summary>
    public static async Task<RequestScope?> MemberAsync(IServiceProvider services, long memberId, CancellationToken ct)
    {
        var member = await Db(services).Members.Where(m => m.Id == memberId)
            .Select(m => new { m.CooperativeCode, m.VillageCode, m.HouseholdNumber }).FirstOrDefaultAsync(ct);
        return member is null
            ? null
            : Scope.Either(Scope.Cooperative(member.CooperativeCode), Scope.Household(member.VillageCode, member.HouseholdNumber));
    }

    private static DividendsDb Db(IServiceProvider services) => services.GetRequiredService<DividendsDb>();
}
