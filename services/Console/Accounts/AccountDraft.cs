using System.Text.RegularExpressions;
using Platform.ServiceDefaults.Security;

namespace Platform.WebConsole.Accounts;

/// <summary>What an admin fills in to create or re-scope an account.</summary>
internal sealed partial class AccountDraft
{
    public string UserName { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public Role Role { get; set; } = Role.Clerk;

    /// <summary>Codes separated by commas or spaces.</summary>
    public string Villages { get; set; } = string.Empty;

    public string Supermarkets { get; set; } = string.Empty;

    public string Cooperatives { get; set; } = string.Empty;

    public string Household { get; set; } = string.Empty;

    public string Counter { get; set; } = string.Empty;

    public string ActsAs { get; set; } = string.Empty;

    public static AccountDraft From(Account account) => new()
    {
        UserName = account.UserName,
        DisplayName = account.DisplayName,
        Role = Roles.TryParse(account.Role, out var role) ? role : Role.Clerk,
        Villages = account.Villages,
        Supermarkets = account.Supermarkets,
        Cooperatives = account.Cooperatives,
        Household = account.Household ?? string.Empty,
        Counter = account.Counter ?? string.Empty,
        ActsAs = account.ActsAs ?? string.Empty,
    };

    /// <summary>Which scope a role needs, as the access matrix defines it.</summary>
    public static ScopeKind ScopeOf(Role role) => role switch
    {
        Role.VillageAdmin or Role.PanelMember => ScopeKind.Villages,
        Role.Clerk => ScopeKind.Supermarkets,
        Role.CooperativeAccountant or Role.CooperativeBoard => ScopeKind.Cooperatives,
        Role.Household => ScopeKind.Household,
        _ => ScopeKind.Deployment,
    };

    public void Validate()
    {
        if (!UserNamePattern().IsMatch(UserName.Trim()))
        {
            throw new AccountException(AccountProblem.UserNameInvalid);
        }

        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            throw new AccountException(AccountProblem.DisplayNameMissing);
        }

        if (Role == Role.Service || !Enum.IsDefined(Role))
        {
            throw new AccountException(AccountProblem.RoleNotForPeople);
        }

        switch (ScopeOf(Role))
        {
            case ScopeKind.Villages when Split(Villages).Count == 0:
            case ScopeKind.Supermarkets when Split(Supermarkets).Count == 0:
            // A clerk's token names the villages served, so the counter reaches their households.
            case ScopeKind.Supermarkets when Split(Villages).Count == 0:
            case ScopeKind.Cooperatives when Split(Cooperatives).Count == 0:
                throw new AccountException(AccountProblem.ScopeMissing);
            case ScopeKind.Household when !HouseholdScope.TryParse(Household.Trim(), out _):
                throw new AccountException(AccountProblem.HouseholdInvalid);
            case ScopeKind.Supermarkets when string.IsNullOrWhiteSpace(Counter):
                throw new AccountException(AccountProblem.CounterMissing);
        }
    }

    /// <summary>Keeps only the scope the role uses, so a re-scoped account keeps nothing of its old reach.</summary>
    public void ApplyScope(Account account)
    {
        var kind = ScopeOf(Role);
        // A clerk's token names the villages of the supermarket too: the households served there.
        account.Villages = kind is ScopeKind.Villages or ScopeKind.Supermarkets ? string.Join(',', Split(Villages)) : string.Empty;
        account.Supermarkets = kind == ScopeKind.Supermarkets ? string.Join(',', Split(Supermarkets)) : string.Empty;
        account.Cooperatives = kind == ScopeKind.Cooperatives ? string.Join(',', Split(Cooperatives)) : string.Empty;
        account.Household = kind == ScopeKind.Household ? Household.Trim() : null;
        account.Counter = kind == ScopeKind.Supermarkets ? Counter.Trim() : null;
        account.ActsAs = Role == Role.PanelMember && !string.IsNullOrWhiteSpace(ActsAs) ? ActsAs.Trim() : null;
    }

    /// <summary>The roles a person's account may have: every role but service.</summary>
    public static IReadOnlyList<Role> PeoplesRoles { get; } = [.. Roles.All.Where(r => r != Role.Service)];

    /// <summary>The codes as the account keeps them: trimmed, without repeats, in the order given.</summary>
    public static List<string> Split(string codes) =>
        [.. codes.Split([',', ' ', '，', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct()];

    [GeneratedRegex("^[A-Za-z0-9._-]{2,64}$")]
    private static partial Regex UserNamePattern();
}

internal enum ScopeKind
{
    Deployment,
    Villages,
    Supermarkets,
    Cooperatives,
    Household,
}
