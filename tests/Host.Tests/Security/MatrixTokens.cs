using Platform.ServiceDefaults.Security;
using Platform.Testing;

namespace Platform.Host.Tests.Security;

/// <summary>
/// A token per role reaching the seed's home things, and one reaching only others: village V2,
/// supermarket SM2, cooperative C2, and for a household the neighbour V1/002 of home V1/001.
/// </summary>
internal static class MatrixTokens
{
    private static readonly Dictionary<Role, string> HomeTokens = Roles.All.ToDictionary(r => r, r => Mint(r, home: true));
    private static readonly Dictionary<Role, string> AwayTokens = Roles.All.ToDictionary(r => r, r => Mint(r, home: false));

    public static string Home(Role role) => "Bearer " + HomeTokens[role];

    public static string Away(Role role) => "Bearer " + AwayTokens[role];

    private static string Mint(Role role, bool home) => role switch
    {
        Role.VillageAdmin or Role.PanelMember => TestTokens.Mint(role, villages: [home ? MatrixSeed.Village : "V2"]),
        Role.Clerk => TestTokens.Mint(role, villages: [home ? MatrixSeed.Village : "V2"], supermarkets: [home ? MatrixSeed.Supermarket : "SM2"]),
        Role.CooperativeAccountant => TestTokens.Mint(role, cooperatives: [home ? MatrixSeed.Cooperative : "C2"]),
        Role.Household => TestTokens.Mint(role, household: new HouseholdScope(MatrixSeed.Village, home ? "001" : "002")),
        _ => TestTokens.Mint(role),
    };
}
