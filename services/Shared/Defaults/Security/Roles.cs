namespace Platform.ServiceDefaults.Security;

/// <summary>The claim names of the roles, and which roles are scoped by which claims.</summary>
public static class Roles
{
    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static string ClaimValue(this Role role) => role switch
    {
        Role.CountyAdmin => "county_admin",
        Role.VillageAdmin => "village_admin",
        Role.PanelMember => "panel_member",
        Role.Clerk => "clerk",
        Role.CooperativeAccountant => "cooperative_accountant",
        Role.Auditor => "auditor",
        Role.Household => "household",
        Role.Service => "service",
        Role.CooperativeBoard => "cooperative_board",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string value, out Role role)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ClaimValue(), value, StringComparison.Ordinal))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>
    /// Roles whose reach is the whole deployment (one county): their tokens carry no scope
    /// claims and the scope of a request is not checked for them.
    /// </summary>
    public static bool IsDeploymentWide(this Role role) =>
        role is Role.CountyAdmin or Role.Auditor or Role.Service;

    /// <summary>
    /// An office that records decisions in another person's name (the panel secretary typing in
    /// a paper sheet, a service passing on its caller). Everyone else acts in his or her own name.
    /// </summary>
    public static bool ActsForOthers(this Role role) =>
        role is Role.CountyAdmin or Role.VillageAdmin or Role.Service;
}
