namespace Platform.ServiceDefaults.Security;

/// <summary>
/// What a token reaches: village, supermarket and cooperative codes ("*" for all of a kind),
/// and for a household token its own household.
/// </summary>
public sealed record ScopeClaims(
    IReadOnlySet<string> Villages,
    IReadOnlySet<string> Supermarkets,
    IReadOnlySet<string> Cooperatives,
    HouseholdScope? Household)
{
    public const string Everything = "*";

    public static ScopeClaims None { get; } = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), null);

    public bool HasVillage(string code) => Reaches(Villages, code);

    public bool HasSupermarket(string code) => Reaches(Supermarkets, code);

    public bool HasCooperative(string code) => Reaches(Cooperatives, code);

    private static bool Reaches(IReadOnlySet<string> codes, string code) =>
        codes.Contains(Everything) || (code.Length > 0 && codes.Contains(code));

    public override string ToString()
    {
        var parts = new List<string>();
        if (Villages.Count > 0) parts.Add("villages " + string.Join(", ", Villages.Order(StringComparer.Ordinal)));
        if (Supermarkets.Count > 0) parts.Add("supermarkets " + string.Join(", ", Supermarkets.Order(StringComparer.Ordinal)));
        if (Cooperatives.Count > 0) parts.Add("cooperatives " + string.Join(", ", Cooperatives.Order(StringComparer.Ordinal)));
        if (Household is not null) parts.Add("household " + Household);
        return parts.Count == 0 ? "nothing" : string.Join("; ", parts);
    }
}
