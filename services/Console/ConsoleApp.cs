using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Security;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Api;
using Platform.WebConsole.Auth;
using Platform.WebConsole.Components;

namespace Platform.WebConsole;

/// <summary>
/// Builds the console: its own web application, on its own port (HTTP/1.1 for browsers), calling
/// the services over gRPC. The embedded host runs it beside the services in the same process;
/// in distributed mode it is its own process (Program).
/// </summary>
internal static class ConsoleApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The static files' manifest is the console's, whichever program runs it.
            ApplicationName = typeof(ConsoleApp).Assembly.GetName().Name,
        });
        // Run from a build folder (dotnet run, the tests), the static files stay where the build
        // found them (this project's wwwroot, the NuGet cache), as its runtime manifest says; a
        // published program has them in wwwroot beside it. ASP.NET Core does this by itself only
        // in the Development environment.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, builder.Environment.ApplicationName + ".staticwebassets.runtime.json")))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        var platform = PlatformOptions.From(builder.Configuration);
        var options = ConsoleOptions.From(builder.Configuration);
        builder.AddPlatformLogging(platform);
        builder.WebHost.UseUrls(options.Url);
        // Browsers speak HTTP/1.1 on plaintext.
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1));
        // The static files come from the build's manifest (MapStaticAssets), not from a wwwroot
        // folder beside the program, whose absence the file middleware would report at each start.
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Error);

        var services = builder.Services;
        services.AddSingleton(platform);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => AuthOptions.From(builder.Configuration, platform));
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<PersonTokens>();
        services.AddSingleton<ServiceChannels>();
        AddAccounts(services, platform);

        // The cookie's keys live with the data, so a restart does not sign everyone out.
        services.AddDataProtection().SetApplicationName("love-points-console")
            .PersistKeysToFileSystem(new DirectoryInfo(options.KeysFolder ?? Path.Combine(platform.DataFolder, "console-keys")));
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddBootstrapBlazor(o => o.DefaultCultureInfo = Languages.Default);
        services.AddAuthentication(AccountClaims.Scheme).AddCookie(AccountClaims.Scheme, o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/account/signout";
            o.Cookie.Name = "platform.console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, AccountRevalidation>();
        services.AddScoped<CurrentAccount>();
        services.AddScoped<AccountAdmin>();
        services.AddScoped<PlatformApi>();
        services.AddScoped<RefusalTexts>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRequestLocalization(o =>
        {
            var cultures = Languages.Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(Languages.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // The person's own choice (a cookie written at sign-in) first; the browser's language is not asked.
            o.RequestCultureProviders = [new Microsoft.AspNetCore.Localization.CookieRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.Use(PasswordFirstAsync);
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets(StaticAssetsManifest(app.Environment.ApplicationName));
        app.MapSignIn();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    // Published inside another program (the embedded host), the console's files are listed in
    // that program's manifest; null is the console's own, beside it in a build folder.
    private static string? StaticAssetsManifest(string applicationName)
    {
        const string Suffix = ".staticwebassets.endpoints.json";
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name;
        return File.Exists(Path.Combine(AppContext.BaseDirectory, applicationName + Suffix)) || entry is null
            || !File.Exists(Path.Combine(AppContext.BaseDirectory, entry + Suffix))
            ? null
            : entry + Suffix;
    }

    private static void AddAccounts(IServiceCollection services, PlatformOptions platform)
    {
        if (platform.Mode == PlatformMode.Embedded)
        {
            Directory.CreateDirectory(platform.DataFolder);
            var connection = ServiceDatabaseExtensions.SqliteConnectionString(platform.DataFolder, "console");
            services.AddDbContext<AccountsDb, SqliteAccountsDb>(o => o.UseSqlite(connection));
        }
        else
        {
            var connection = ServiceDatabaseExtensions.PostgresConnectionString(platform, "console");
            services.AddDbContext<AccountsDb, PostgresAccountsDb>(o => o.UseNpgsql(connection));
        }

        services.AddDatabaseMigrator<AccountsDb>();
        services.AddScoped<AccountStore>();
    }

    /// <summary>Every request checks that the cookie's account is still enabled and unchanged.</summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var account = AccountClaims.AccountId(context.Principal) is { } id
            ? await context.HttpContext.RequestServices.GetRequiredService<AccountStore>().FindAsync(id, context.HttpContext.RequestAborted)
            : null;
        if (!AccountClaims.StillValid(context.Principal!, account))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AccountClaims.Scheme);
        }
        else if (account!.MustChangePassword)
        {
            context.HttpContext.Items[MustChangePassword] = true;
        }
    }

    private const string MustChangePassword = "console.must-change-password";

    /// <summary>
    /// A person signed in with a password someone else gave (new account, reset) sees no page but
    /// the one that changes it. Static files, the framework and the account endpoints stay open.
    /// </summary>
    private static Task PasswordFirstAsync(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path;
        if (http.Items.ContainsKey(MustChangePassword) && HttpMethods.IsGet(http.Request.Method)
            && !path.StartsWithSegments("/account") && !path.StartsWithSegments("/signin")
            && !path.StartsWithSegments("/_framework") && !path.StartsWithSegments("/_content")
            && !Path.HasExtension(path.Value))
        {
            http.Response.Redirect("/account/password");
            return Task.CompletedTask;
        }

        return next();
    }
}
