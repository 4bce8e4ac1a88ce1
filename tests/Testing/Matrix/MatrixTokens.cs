using Platform.ServiceDefaults.Security;

namespace Platform.Testing.Matrix;

/// <summary>
/// A token per role reaching the seed's home things, and one reaching only others: the away
/// village, supermarket and cooperative, and for a household the neighbour 002 of home 001.
/// </summary>
public sealed class MatrixTokens
{
    private readonly Dictionary<Role, string> home;
    private readonly Dictionary<Role, string> away;

    public MatrixTokens(MatrixCodes codes)
    {
        home = Roles.All.ToDictionary(r => r, r => Mint(codes, r, home: true));
        away = Roles.All.ToDictionary(r => r, r => Mint(codes, r, home: false));
    }

    public string Home(Role role) => "Bearer " + home[role];

    public string Away(Role role) => "Bearer " + away[role];

    private static string Mint(MatrixCodes codes, Role role, bool home) => role switch
    {
        Role.VillageAdmin => TestTokens.Mint(role, villages: [home ? codes.Village : codes.AwayVillage]),
        // A panel member and a clerk act in their own names: the samples name them so.
        Role.PanelMember => TestTokens.Mint(role, subject: MatrixSamples.PanelMember, villages: [home ? codes.Village : codes.AwayVillage]),
        Role.Clerk => TestTokens.Mint(role, subject: MatrixSamples.Clerk, villages: [home ? codes.Village : codes.AwayVillage],
            supermarkets: [home ? codes.Supermarket : codes.AwaySupermarket]),
        Role.CooperativeAccountant => TestTokens.Mint(role, cooperatives: [home ? codes.Cooperative : codes.AwayCooperative]),
        // A board member signs in his or her own name: the samples name the seed's board member.
        Role.CooperativeBoard => TestTokens.Mint(role, subject: MatrixSamples.BoardMember, cooperatives: [home ? codes.Cooperative : codes.AwayCooperative]),
        Role.Household => TestTokens.Mint(role, household: new HouseholdScope(codes.Village, home ? "001" : "002")),
        _ => TestTokens.Mint(role),
    };
}
