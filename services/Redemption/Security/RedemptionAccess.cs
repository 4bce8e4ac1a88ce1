using Platform.ServiceDefaults.Security;
using static Platform.ServiceDefaults.Security.Role;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Security;

/// <summary>
/// Who may call each of Redemption's RPCs, and what each request is about. One line per RPC; an
/// RPC without a line is refused to everyone (a new RPC gets its line here). Auditors are added
/// to every Read. The matrix in docs/security.md is generated from this table.
/// </summary>
internal static class RedemptionAccess
{
    public static AccessTable Table { get; } = new AccessTable()
        .Service(Api.Supermarkets.Descriptor)
            .Write<Api.RegisterSupermarketRequest>("RegisterSupermarket", [CountyAdmin, VillageAdmin], r => Scope.Villages(r.VillageCodes))
            .Read<Api.GetSupermarketRequest>("GetSupermarket", [CountyAdmin, Clerk], r => Scope.Supermarket(r.Code))
            .Read<Api.ListKnownVillagesRequest>("ListKnownVillages", [CountyAdmin, VillageAdmin, Clerk], r => Scope.None);
}
