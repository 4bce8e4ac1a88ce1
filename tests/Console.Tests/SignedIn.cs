using Microsoft.AspNetCore.Components.Authorization;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Auth;

namespace Platform.Console.Tests;

/// <summary>The page's sign-in, as the cookie would give it: one account at its current version.</summary>
internal sealed class SignedIn : AuthenticationStateProvider
{
    private AuthenticationState state = new(new System.Security.Claims.ClaimsPrincipal());

    public void As(Account account) => state = new AuthenticationState(AccountClaims.Principal(account));

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(state);
}
