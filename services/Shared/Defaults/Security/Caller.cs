namespace Platform.ServiceDefaults.Security;

/// <summary>The person or service behind a call, as its validated token says.</summary>
internal sealed record Caller(string Subject, IReadOnlySet<Role> Roles, ScopeClaims Scope, string TokenId)
{
    internal const string ItemKey = "platform.caller";

    /// <summary>
    /// The service whose own key signed the token (split keys); null for a token signed by a key
    /// trusted for everything, whose holder could mint any token anyway.
    /// </summary>
    public string? ServiceName { get; init; }

    public string RoleNames { get; } = string.Join(", ", Roles.Order().Select(r => r.ClaimValue()));
}
