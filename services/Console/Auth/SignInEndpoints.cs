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
        app.MapPost("/account/password", ChangePasswordAsync).RequireAuthorization();
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

    /// <summary>
    /// The person changes his or her own password (a one-time password at the first sign-in): the
    /// current one is checked like a sign-in (failures count towards the lockout), the account's
    /// version goes up, ending its other sessions, and this one is signed in again with the new version.
    /// </summary>
    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http, [FromForm] string? current, [FromForm] string? password, [FromForm] string? repeat,
        AccountStore accounts, ILogger<AccountStore> log)
    {
        var account = AccountClaims.AccountId(http.User) is { } id ? await accounts.FindAsync(id, http.RequestAborted) : null;
        if (account is null || !AccountClaims.StillValid(http.User, account))
        {
            await http.SignOutAsync(AccountClaims.Scheme);
            return Results.LocalRedirect("/signin?problem=signedout");
        }

        var check = await accounts.CheckPasswordAsync(account.UserName, current ?? string.Empty, http.RequestAborted);
        if (check.Outcome is SignInOutcome.Locked or SignInOutcome.Disabled)
        {
            log.LogInformation("Password change of {UserName} refused: {Outcome}", account.UserName, check.Outcome);
            await http.SignOutAsync(AccountClaims.Scheme);
            return Results.LocalRedirect($"/signin?problem={(check.Outcome == SignInOutcome.Locked ? "locked" : "disabled")}");
        }

        string? problem = null;
        if (check.Outcome != SignInOutcome.Success)
        {
            problem = "PasswordWrong";
        }
        else if (!string.Equals(password, repeat, StringComparison.Ordinal))
        {
            problem = "PasswordsDiffer";
        }
        else if (string.Equals(password, current, StringComparison.Ordinal))
        {
            problem = "PasswordSame";
        }

        if (problem is null)
        {
            try
            {
                account = await accounts.ChangePasswordAsync(account.Id, password ?? string.Empty, byOwner: true, http.RequestAborted);
            }
            catch (AccountException ex)
            {
                problem = ex.Problem.ToString();
            }
        }

        if (problem is not null)
        {
            log.LogInformation("Password change of {UserName} refused: {Problem}", account.UserName, problem);
            return Results.LocalRedirect($"/account/password?problem={problem}");
        }

        await http.SignInAsync(AccountClaims.Scheme, AccountClaims.Principal(account), new AuthenticationProperties { IsPersistent = false });
        log.LogInformation("{UserName} changed his or her own password", account.UserName);
        return Results.LocalRedirect("/");
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
