namespace Platform.ServiceDefaults.Security;

/// <summary>The person or service behind a call, as its validated token says.</summary>
internal sealed record Caller(string Subject, IReadOnlySet<Role> Roles, ScopeClaims Scope, string TokenId)
{
    internal const string ItemKey = "platform.caller";

    public string RoleNames { get; } = string.Join(", ", Roles.Order().Select(r => r.ClaimValue()));
}
