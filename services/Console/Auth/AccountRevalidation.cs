using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Auth;

/// <summary>
/// Checks, every few seconds, that an open page's account is still enabled and unchanged; when it
/// is not, the page loses its sign-in and shows the sign-in page. Disabling an account therefore
/// ends its open pages at once, not when their cookie expires.
/// </summary>
internal sealed class AccountRevalidation(ILoggerFactory loggers, IServiceScopeFactory scopes, ConsoleOptions options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => options.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        if (AccountClaims.AccountId(state.User) is not { } id)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var account = await scope.ServiceProvider.GetRequiredService<AccountStore>().FindAsync(id, ct);
        return AccountClaims.StillValid(state.User, account);
    }
}
