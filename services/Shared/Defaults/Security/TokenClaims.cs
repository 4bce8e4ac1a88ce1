namespace Platform.ServiceDefaults.Security;

/// <summary>The claim names of platform tokens.</summary>
internal static class TokenClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Villages = "villages";
    public const string Supermarkets = "supermarkets";
    public const string Cooperatives = "cooperatives";

    /// <summary>"VILLAGE/NUMBER", e.g. "410522101201/017".</summary>
    public const string Household = "household";
    public const string TokenId = "jti";
}
