using System.Security.Claims;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Auth;

/// <summary>What the sign-in cookie says: which account, and which version of it.</summary>
internal static class AccountClaims
{
    public const string Version = "account_version";

    public const string Scheme = "console";

    public static ClaimsPrincipal Principal(Account account) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
        new Claim(ClaimTypes.Name, account.DisplayName),
        new Claim(ClaimTypes.Role, account.Role),
        new Claim(Version, account.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ], Scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static Guid? AccountId(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>Whether the cookie still speaks for the account as it is now.</summary>
    public static bool StillValid(ClaimsPrincipal user, Account? account) =>
        account is { Disabled: false }
        && user.FindFirstValue(Version) == account.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
