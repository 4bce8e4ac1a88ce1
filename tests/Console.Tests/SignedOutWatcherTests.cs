using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Platform.WebConsole.Components.Shared;

namespace Platform.Console.Tests;

public sealed class SignedOutWatcherTests : BunitContext
{
    [Fact]
    public void An_open_page_goes_to_the_sign_in_page_when_its_sign_in_ends()
    {
        var authentication = new Switchable();
        Services.AddSingleton<AuthenticationStateProvider>(authentication);
        var navigation = Services.GetRequiredService<NavigationManager>();
        Render<SignedOutWatcher>();

        // As AccountRevalidation does when the account was disabled: the page's user becomes anonymous.
        authentication.SignOut();

        Assert.EndsWith("/signin?problem=signedout", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_stays_signed_in_stays()
    {
        var authentication = new Switchable();
        Services.AddSingleton<AuthenticationStateProvider>(authentication);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        Render<SignedOutWatcher>();

        authentication.Refresh();

        Assert.Equal(before, navigation.Uri);
    }

    private sealed class Switchable : AuthenticationStateProvider
    {
        private AuthenticationState state = new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "周强")], "console")));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(state);

        public void SignOut()
        {
            state = new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()));
            NotifyAuthenticationStateChanged(Task.FromResult(state));
        }

        public void Refresh() => NotifyAuthenticationStateChanged(Task.FromResult(state));
    }
}
