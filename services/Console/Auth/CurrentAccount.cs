using Microsoft.AspNetCore.Components.Authorization;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Auth;

/// <summary>
/// The signed-in person of this page (circuit), read afresh from the accounts on every call, so
/// a disabled or re-scoped account stops being able to call the services at once.
/// </summary>
internal sealed class CurrentAccount(AuthenticationStateProvider authentication, AccountStore accounts)
{
    public async Task<Account> GetAsync(CancellationToken ct = default)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        var account = AccountClaims.AccountId(state.User) is { } id ? await accounts.FindAsync(id, ct) : null;
        if (!AccountClaims.StillValid(state.User, account))
        {
            throw new SignedOutException();
        }

        return account!;
    }
}

/// <summary>The page's account was disabled or changed: the page goes to the sign-in page.</summary>
internal sealed class SignedOutException() : Exception("The account was disabled or changed; sign in again.");
