namespace Platform.ServiceDefaults.Security;

/// <summary>One thing a request is about, which a token's scope must reach.</summary>
public abstract record ScopeFacet
{
    /// <summary>Whether a caller in this role, with these claims, reaches this thing.</summary>
    public abstract bool ReachedBy(Role role, ScopeClaims claims);
}

internal sealed record VillageScope(string Code) : ScopeFacet
{
    public override bool ReachedBy(Role role, ScopeClaims claims) =>
        (role is Role.VillageAdmin or Role.PanelMember or Role.Clerk) && claims.HasVillage(Code);

    public override string ToString() => $"village '{Code}'";
}

/// <summary>A household by village and number; "V1/001" in a token's household claim.</summary>
public sealed record HouseholdScope(string VillageCode, string Number) : ScopeFacet
{
    public override bool ReachedBy(Role role, ScopeClaims claims) => role switch
    {
        Role.Household => claims.Household is { } own && own.VillageCode.Length > 0
            && own.VillageCode == VillageCode && own.Number == Number,
        Role.VillageAdmin or Role.PanelMember or Role.Clerk => claims.HasVillage(VillageCode),
        _ => false,
    };

    public static bool TryParse(string value, out HouseholdScope? household)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        household = slash > 0 && slash < value.Length - 1 && value.IndexOf('/', slash + 1) < 0
            ? new HouseholdScope(value[..slash], value[(slash + 1)..])
            : null;
        return household is not null;
    }

    public override string ToString() => $"{VillageCode}/{Number}";
}

/// <summary>Several villages at once: reached only if every one of them is.</summary>
internal sealed record AllVillagesScope(IReadOnlyList<string> Codes) : ScopeFacet
{
    public override bool ReachedBy(Role role, ScopeClaims claims) =>
        Codes.Count > 0 && Codes.All(c => new VillageScope(c).ReachedBy(role, claims));

    public override string ToString() => "villages " + string.Join(", ", Codes.Select(c => $"'{c}'"));
}

internal sealed record SupermarketScope(string Code) : ScopeFacet
{
    public override bool ReachedBy(Role role, ScopeClaims claims) =>
        (role is Role.Clerk) && claims.HasSupermarket(Code);

    public override string ToString() => $"supermarket '{Code}'";
}

internal sealed record CooperativeScope(string Code) : ScopeFacet
{
    public override bool ReachedBy(Role role, ScopeClaims claims) =>
        (role is Role.CooperativeAccountant or Role.CooperativeBoard) && claims.HasCooperative(Code);

    public override string ToString() => $"cooperative '{Code}'";
}
