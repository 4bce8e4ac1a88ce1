namespace Platform.WebConsole.Accounts;

/// <summary>A change to an account that cannot be made; the page words the problem in the user's language.</summary>
internal sealed class AccountException(AccountProblem problem, string? detail = null)
    : Exception($"{problem}{(detail is null ? string.Empty : ": " + detail)}")
{
    public AccountProblem Problem { get; } = problem;

    public string? Detail { get; } = detail;
}

internal enum AccountProblem
{
    NotFound,
    UserNameTaken,
    UserNameInvalid,
    DisplayNameMissing,
    PasswordTooShort,
    ScopeMissing,
    HouseholdInvalid,
    CounterMissing,

    /// <summary>The role service belongs to the platform's services, never to a person.</summary>
    RoleNotForPeople,

    /// <summary>Only a county admin administers accounts.</summary>
    NotAllowed,

    /// <summary>An admin may not disable his or her own account or take away his or her own role.</summary>
    OwnAccount,

    /// <summary>The current password given to change it is not the account's.</summary>
    PasswordWrong,

    /// <summary>The new password and its repetition differ.</summary>
    PasswordsDiffer,
}
