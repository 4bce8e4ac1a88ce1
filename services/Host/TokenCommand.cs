using System.CommandLine;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Security;

namespace Platform.Host;

/// <summary>
/// `token`: mints a bearer token for one person (or service) in a role and scope, signed with
/// the embedded host's key (created in its data folder on first use) or the key file given.
/// The token goes to standard output, what it says to standard error.
/// </summary>
internal static class TokenCommand
{
    private static readonly Option<string[]> RoleOption = new("--role")
    {
        Description = "county_admin, village_admin, panel_member, clerk, cooperative_accountant, cooperative_board, auditor, household or service (repeat for several roles)",
    };

    private static readonly Option<string> Subject = new("--subject") { Description = "Who holds the token: a name, a panel member id, a clerk's name" };
    private static readonly Option<string[]> Village = new("--village") { Description = "A village code the token reaches (repeat; * means all)" };
    private static readonly Option<string[]> Supermarket = new("--supermarket") { Description = "A supermarket code the token reaches (repeat; * means all)" };
    private static readonly Option<string[]> Cooperative = new("--cooperative") { Description = "A cooperative code the token reaches (repeat; * means all)" };
    private static readonly Option<string> Household = new("--household") { Description = "VILLAGE/NUMBER, for role household" };
    private static readonly Option<double?> Days = new("--days") { Description = "How long the token is valid, in days (default 30)" };
    private static readonly Option<double?> Hours = new("--hours") { Description = "How long the token is valid, in hours" };

    private static readonly Option<string> Key = new("--key")
    {
        Description = "A PEM file of an EC P-256 private key (created if missing); default: the host's own key, DATA/auth/signing-key.pem, "
            + "where DATA is the host's data folder (--Platform:DataFolder=DIR)",
    };

    private static readonly Option<bool> PublicKey = new("--public-key") { Description = "Print the key's public half instead (for Platform:Auth:PublicKeys of a service)" };

    public static Command Create()
    {
        var command = new Command("token",
            "Mints a bearer token for one person (or service) in a role and scope, signed with the host's key. "
            + "The token goes to standard output, what it says to standard error. Host settings may follow as --Section:Key=Value.")
        {
            RoleOption, Subject, Village, Supermarket, Cooperative, Household, Days, Hours, Key, PublicKey,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            try
            {
                return Run(result, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            }
            catch (ArgumentException ex)
            {
                result.InvocationConfiguration.Error.WriteLine(ex.Message);
                result.InvocationConfiguration.Error.WriteLine("See: token --help");
                return 2;
            }
        });
        return command;
    }

    private static int Run(ParseResult result, TextWriter output, TextWriter error)
    {
        var settings = CommandSettings.From(result);
        var roles = (result.GetValue(RoleOption) ?? []).Select(name =>
            Roles.TryParse(name, out var role) ? role : throw new ArgumentException($"Unknown role '{name}'.")).ToList();
        List<string> villages = [.. result.GetValue(Village) ?? []], supermarkets = [.. result.GetValue(Supermarket) ?? []],
            cooperatives = [.. result.GetValue(Cooperative) ?? []];
        var subject = result.GetValue(Subject);
        HouseholdScope? household = null;
        if (result.GetValue(Household) is { } text)
        {
            household = HouseholdScope.TryParse(text, out var parsed) ? parsed
                : throw new ArgumentException($"--household takes VILLAGE/NUMBER, not '{text}'.");
        }

        var lifetime = result.GetValue(Hours) is { } hours ? TimeSpan.FromHours(Positive(hours))
            : TimeSpan.FromDays(Positive(result.GetValue(Days) ?? 30));

        var configuration = HostConfiguration.From(settings);
        var issuer = configuration["Platform:Auth:Issuer"] ?? configuration["PLATFORM_AUTH_ISSUER"] ?? AuthOptions.DefaultIssuer;
        var keyPath = result.GetValue(Key) ?? DefaultKey(configuration)
            ?? throw new ArgumentException("Give --key FILE: in distributed mode there is no data folder key.");
        var key = SigningKeys.LoadPrivate(keyPath, createIfMissing: true);
        if (result.GetValue(PublicKey))
        {
            output.Write(SigningKeys.PublicPem(key));
            return 0;
        }

        if (roles.Count == 0) throw new ArgumentException("Name at least one --role.");
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("Name the holder with --subject.");
        if (roles.Contains(Role.Household) && household is null) throw new ArgumentException("A household token needs --household VILLAGE/NUMBER.");

        if (roles.All(r => !r.IsDeploymentWide()) && villages.Count + supermarkets.Count + cooperatives.Count == 0 && household is null)
        {
            error.WriteLine("Warning: this token reaches no village, supermarket, cooperative or household, so it can call almost nothing.");
        }

        var request = new TokenRequest(subject, roles, lifetime)
        {
            Villages = villages,
            Supermarkets = supermarkets,
            Cooperatives = cooperatives,
            Household = household,
        };
        var token = TokenIssuer.Mint(key, issuer, request);
        error.WriteLine($"Token for {subject} ({string.Join(", ", roles.Select(r => r.ClaimValue()))}), "
            + $"reaching {new ScopeClaims(villages.ToHashSet(), supermarkets.ToHashSet(), cooperatives.ToHashSet(), household)}, "
            + $"valid until {DateTime.UtcNow + lifetime:yyyy-MM-dd HH:mm} UTC, signed by key {key.KeyId}{(keyPath.Contains("-----BEGIN", StringComparison.Ordinal) ? "" : $" ({Path.GetFullPath(keyPath)})")}.");
        error.WriteLine("Send it as the gRPC header  authorization: Bearer <token>");
        output.WriteLine(token);
        return 0;
    }

    // The host's own key: Platform:Auth:SigningKey if set, else the data folder's in embedded mode.
    private static string? DefaultKey(IConfiguration configuration)
    {
        var platform = PlatformOptions.From(configuration);
        var configured = configuration["Platform:Auth:SigningKey"] ?? configuration["PLATFORM_AUTH_SIGNING_KEY"];
        return !string.IsNullOrWhiteSpace(configured) ? configured
            : platform.Mode == PlatformMode.Embedded ? AuthOptions.DefaultKeyFile(platform.DataFolder)
            : null;
    }

    private static double Positive(double value) =>
        value > 0 && value <= 3660 ? value : throw new ArgumentException($"'{value}' is not a positive number of days or hours (at most 3660).");
}
