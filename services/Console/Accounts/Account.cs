namespace Platform.WebConsole.Accounts;

/// <summary>
/// A person who signs in to the console: one role and its scope, as the access matrix defines
/// them. The password is kept only as ASP.NET Core Identity's hash.
/// </summary>
internal sealed class Account
{
    public Guid Id { get; set; }

    /// <summary>What the person types to sign in; unique, compared without case.</summary>
    public required string UserName { get; set; }

    /// <summary>The user name in upper case, for the unique index and look-ups.</summary>
    public string NormalizedUserName { get; set; } = string.Empty;

    /// <summary>The name shown in the console and printed on receipts.</summary>
    public required string DisplayName { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>The role's claim value (clerk, panel_member, …).</summary>
    public required string Role { get; set; }

    /// <summary>Village codes, comma-separated; * for all.</summary>
    public string Villages { get; set; } = string.Empty;

    public string Supermarkets { get; set; } = string.Empty;

    public string Cooperatives { get; set; } = string.Empty;

    /// <summary>For a household's own account: VILLAGE/NUMBER.</summary>
    public string? Household { get; set; }

    /// <summary>For a clerk: the counter he or she works at, printed on receipts.</summary>
    public string? Counter { get; set; }

    /// <summary>
    /// Who the person is to the services, the token's subject: a panel member's id on the panel;
    /// the user name when empty.
    /// </summary>
    public string? ActsAs { get; set; }

    /// <summary>zh-CN or en.</summary>
    public string Language { get; set; } = "zh-CN";

    public bool Disabled { get; set; }

    public int FailedSignIns { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Raised by every change that must end the person's sessions (disable, re-scope, new password).</summary>
    public int Version { get; set; }

    /// <summary>A password given by someone else (created, reset) is changed at the first sign-in.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Subject => string.IsNullOrWhiteSpace(ActsAs) ? UserName : ActsAs;

    public static IReadOnlyList<string> Codes(string joined) =>
        joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
