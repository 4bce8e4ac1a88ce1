namespace Platform.ServiceDefaults.Security;

/// <summary>
/// What one request is about. Its facets are alternative owners of the same thing (a
/// member's statement belongs to the cooperative and to the household): a caller whose role
/// reaches any one of them is in scope. A request about nothing in particular is Unscoped.
/// </summary>
public sealed record RequestScope(IReadOnlyList<ScopeFacet> Facets)
{
    internal const string ItemKey = "platform.scope";

    public static RequestScope Unscoped { get; } = new(Array.Empty<ScopeFacet>());

    public bool IsUnscoped => Facets.Count == 0;

    public bool ReachedBy(Role role, ScopeClaims claims) => Facets.Any(f => f.ReachedBy(role, claims));

    /// <summary>
    /// A village the request names that the access check does not weigh (a counter's household
    /// belongs to a village, but a counter is reached through its supermarket alone): the audit
    /// trail records it so a village's auditor finds the call.
    /// </summary>
    public string? NamedVillage { get; init; }

    /// <summary>The village the request is about, when it is about one.</summary>
    public string? VillageCode => Facets.Select(f => f switch
    {
        VillageScope v => v.Code,
        HouseholdScope h => h.VillageCode,
        AllVillagesScope { Codes.Count: 1 } a => a.Codes[0],
        _ => null,
    }).FirstOrDefault(c => !string.IsNullOrEmpty(c)) ?? (string.IsNullOrWhiteSpace(NamedVillage) ? null : NamedVillage.Trim());

    /// <summary>The same scope, recording <paramref name="villageCode"/> as the village it is about (see <see cref="NamedVillage"/>).</summary>
    public RequestScope Naming(string? villageCode) => this with { NamedVillage = villageCode };

    public override string ToString() => IsUnscoped ? "nothing in particular" : string.Join(" or ", Facets);
}

/// <summary>Short names for the scope column of an access table.</summary>
public static class Scope
{
    public static RequestScope None => RequestScope.Unscoped;

    public static RequestScope Village(string? code) => new([new VillageScope(Clean(code))]);

    public static RequestScope Villages(IEnumerable<string> codes) => new([new AllVillagesScope(codes.Select(Clean).ToList())]);

    public static RequestScope Household(string? villageCode, string? number) => new([new HouseholdScope(Clean(villageCode), Clean(number))]);

    public static RequestScope Supermarket(string? code) => new([new SupermarketScope(Clean(code))]);

    public static RequestScope Cooperative(string? code) => new([new CooperativeScope(Clean(code))]);

    public static RequestScope Either(params RequestScope[] scopes) => new(scopes.SelectMany(s => s.Facets).ToList());

    // Services trim codes before using them (Input.Code), so the check does too.
    private static string Clean(string? code) => (code ?? "").Trim();
}
