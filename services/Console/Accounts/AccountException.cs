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
}
