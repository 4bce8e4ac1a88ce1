using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Platform.WebConsole;
using Platform.WebConsole.Accounts;

namespace Platform.Console.Tests;

/// <summary>
/// The first sign-in with a one-time password, over HTTP as a browser does it: every page leads to
/// the password page until the password is changed there.
/// </summary>
public sealed partial class PasswordChangeTests : IAsyncLifetime
{
    private const string OneTime = "k7Qm3xPz9aRt";
    private readonly TempFolder data = new();
    private WebApplication app = null!;
    private HttpClient browser = null!;

    public async Task InitializeAsync()
    {
        app = ConsoleApp.Build([$"--Platform:DataFolder={data.Path}", "--Platform:Console:Url=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountStore>().CreateAsync(
                new AccountDraft { UserName = "feng.xia", DisplayName = "冯霞", Role = Role.CountyAdmin }, OneTime);
        }

        browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(address),
        };
    }

    public async Task DisposeAsync()
    {
        browser.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task A_one_time_password_leads_to_the_password_page_until_it_is_changed()
    {
        var signIn = await PostAsync("/signin", "/account/signin", new() { ["userName"] = "feng.xia", ["password"] = OneTime });
        Assert.True(signIn.Headers.Location is not null, $"{signIn.StatusCode}: {await signIn.Content.ReadAsStringAsync()}");
        Assert.Equal("/account/password", signIn.Headers.Location?.OriginalString);
        Assert.Equal("/account/password", (await browser.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Equal("/account/password", (await browser.GetAsync("/accounts")).Headers.Location?.OriginalString);

        var wrong = await PostAsync("/account/password", "/account/password",
            new() { ["current"] = "not-the-one", ["password"] = "Xiaoman-2026", ["repeat"] = "Xiaoman-2026" });
        Assert.Equal("/account/password?problem=PasswordWrong", wrong.Headers.Location?.OriginalString);
        var differ = await PostAsync("/account/password", "/account/password",
            new() { ["current"] = OneTime, ["password"] = "Xiaoman-2026", ["repeat"] = "Xiaoman-2027" });
        Assert.Equal("/account/password?problem=PasswordsDiffer", differ.Headers.Location?.OriginalString);

        var changed = await PostAsync("/account/password", "/account/password",
            new() { ["current"] = OneTime, ["password"] = "Xiaoman-2026", ["repeat"] = "Xiaoman-2026" });
        Assert.Equal("/", changed.Headers.Location?.OriginalString);

        // Signed in again with the new version: pages open, and the old password is gone.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
        Assert.Equal(SignInOutcome.WrongNameOrPassword, (await store.CheckPasswordAsync("feng.xia", OneTime)).Outcome);
        var result = await store.CheckPasswordAsync("feng.xia", "Xiaoman-2026");
        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.False(result.Account!.MustChangePassword);
    }

    [Fact]
    public async Task A_page_of_a_disabled_account_is_not_served()
    {
        await PostAsync("/signin", "/account/signin", new() { ["userName"] = "feng.xia", ["password"] = OneTime });
        await PostAsync("/account/password", "/account/password",
            new() { ["current"] = OneTime, ["password"] = "Xiaoman-2026", ["repeat"] = "Xiaoman-2026" });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
            await store.SetDisabledAsync((await store.FindByNameAsync("feng.xia"))!.Id, true);
        }

        var page = await browser.GetAsync("/accounts");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location?.PathAndQuery ?? page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>Reads the form's antiforgery token from the page, as the browser sends it back.</summary>
    private async Task<HttpResponseMessage> PostAsync(string page, string action, Dictionary<string, string> fields)
    {
        var html = await browser.GetStringAsync(page);
        var token = Antiforgery().Match(html);
        Assert.True(token.Success, "no antiforgery token on " + page);
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
