using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Platform.WebConsole.Accounts;

namespace Platform.WebConsole.Auth;

/// <summary>
/// The form posts of signing in and out. They are plain HTTP endpoints because the sign-in
/// cookie can only be written in an HTTP response, not over a page's live connection.
/// </summary>
internal static class SignInEndpoints
{
    public static void MapSignIn(this WebApplication app)
    {
        app.MapPost("/account/signin", SignInAsync);
        app.MapPost("/account/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(AccountClaims.Scheme);
            return Results.LocalRedirect("/signin");
        });
        app.MapPost("/account/language", async (HttpContext http, [FromForm] string language, [FromForm] string? returnUrl, AccountStore accounts) =>
        {
            if (AccountClaims.AccountId(http.User) is { } id)
            {
                var account = await accounts.SetLanguageAsync(id, language, http.RequestAborted);
                language = account.Language;
            }

            SetCulture(http, language);
            return Results.LocalRedirect(Local(returnUrl));
        });
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, [FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl,
        AccountStore accounts, ILogger<AccountStore> log)
    {
        var result = await accounts.CheckPasswordAsync(userName ?? string.Empty, password ?? string.Empty, http.RequestAborted);
        if (result.Account is not { } account)
        {
            // The user name is logged so an office can see attempts; the password never is.
            log.LogInformation("Sign-in refused for {UserName}: {Outcome}", userName, result.Outcome);
            var problem = result.Outcome switch
            {
                SignInOutcome.Locked => "locked",
                SignInOutcome.Disabled => "disabled",
                _ => "wrong",
            };
            return Results.LocalRedirect($"/signin?problem={problem}&returnUrl={Uri.EscapeDataString(Local(returnUrl))}");
        }

        await http.SignInAsync(AccountClaims.Scheme, AccountClaims.Principal(account),
            new AuthenticationProperties { IsPersistent = false });
        SetCulture(http, account.Language);
        log.LogInformation("{UserName} signed in as {Role}", account.UserName, account.Role);
        return Results.LocalRedirect(account.MustChangePassword ? "/account/password" : Local(returnUrl));
    }

    private static void SetCulture(HttpContext http, string language) =>
        http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365) });

    /// <summary>Only addresses inside the console are followed after sign-in.</summary>
    private static string Local(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : "/";
}
