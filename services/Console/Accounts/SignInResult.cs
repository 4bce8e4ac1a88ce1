namespace Platform.WebConsole.Accounts;

/// <summary>What a password check found.</summary>
internal sealed record SignInResult(SignInOutcome Outcome, Account? Account, DateTimeOffset? LockedUntil)
{
    public static SignInResult Success(Account account) => new(SignInOutcome.Success, account, null);

    public static SignInResult Wrong() => new(SignInOutcome.WrongNameOrPassword, null, null);

    public static SignInResult Locked(DateTimeOffset until) => new(SignInOutcome.Locked, null, until);

    public static SignInResult Disabled() => new(SignInOutcome.Disabled, null, null);
}

internal enum SignInOutcome
{
    Success,
    WrongNameOrPassword,
    Locked,
    Disabled,
}
