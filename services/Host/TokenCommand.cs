using Microsoft.Extensions.Configuration;
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
    private const string Usage = """
        usage: dotnet run --project services/Host -- token --role ROLE --subject NAME [scope] [--days N | --hours N]
                                                     [--key FILE | --Platform:DataFolder=DIR] [--public-key]
          ROLE      county_admin, village_admin, panel_member, clerk, cooperative_accountant, auditor, household, service
                    (repeat --role for a person with several roles)
          scope     --village CODE, --supermarket CODE, --cooperative CODE (each may repeat; * means all),
                    --household VILLAGE/NUMBER (for role household)
          --days    how long the token is valid (default 30)
          --key     a PEM file of an EC P-256 private key (created if missing); default: the host's own key,
                    DATA/auth/signing-key.pem, where DATA is the host's data folder (services/Host/.data)
          --public-key  print the key's public half instead (for Platform:Auth:PublicKeys of a service)
        examples:
          token --role clerk --supermarket SM1 --village 410522101201 --subject "Wang Fang" --days 30
          token --role household --household 410522101201/017 --subject "Li Jianguo" --days 365
        """;

    public static int Run(string[] args)
    {
        try
        {
            return RunOrThrow(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
    }

    private static int RunOrThrow(string[] args)
    {
        var roles = new List<Role>();
        List<string> villages = [], supermarkets = [], cooperatives = [], platformArgs = [];
        string? subject = null, keyFile = null;
        HouseholdScope? household = null;
        var lifetime = TimeSpan.FromDays(30);
        var publicKey = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                case "--role":
                    var name = Value();
                    roles.Add(Roles.TryParse(name, out var role) ? role : throw new ArgumentException($"Unknown role '{name}'."));
                    break;
                case "--subject": subject = Value(); break;
                case "--village": villages.Add(Value()); break;
                case "--supermarket": supermarkets.Add(Value()); break;
                case "--cooperative": cooperatives.Add(Value()); break;
                case "--household":
                    var text = Value();
                    household = HouseholdScope.TryParse(text, out var parsed) ? parsed
                        : throw new ArgumentException($"--household takes VILLAGE/NUMBER, not '{text}'.");
                    break;
                case "--days": lifetime = TimeSpan.FromDays(Positive(Value())); break;
                case "--hours": lifetime = TimeSpan.FromHours(Positive(Value())); break;
                case "--key": keyFile = Value(); break;
                case "--public-key": publicKey = true; break;
                default:
                    if (!args[i].StartsWith("--Platform:", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"Unknown option '{args[i]}'.");
                    }

                    platformArgs.Add(args[i]);
                    break;
            }
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(platformArgs.ToArray())
            .Build();
        var issuer = configuration["Platform:Auth:Issuer"] ?? configuration["PLATFORM_AUTH_ISSUER"] ?? AuthOptions.DefaultIssuer;
        var keyPath = keyFile ?? DefaultKey(configuration)
            ?? throw new ArgumentException("Give --key FILE: in distributed mode there is no data folder key.");
        var key = SigningKeys.LoadPrivate(keyPath, createIfMissing: true);
        if (publicKey)
        {
            Console.Write(SigningKeys.PublicPem(key));
            return 0;
        }

        if (roles.Count == 0) throw new ArgumentException("Name at least one --role.");
        if (string.IsNullOrWhiteSpace(subject)) throw new ArgumentException("Name the holder with --subject.");
        if (roles.Contains(Role.Household) && household is null) throw new ArgumentException("A household token needs --household VILLAGE/NUMBER.");

        if (roles.All(r => !r.IsDeploymentWide()) && villages.Count + supermarkets.Count + cooperatives.Count == 0 && household is null)
        {
            Console.Error.WriteLine("Warning: this token reaches no village, supermarket, cooperative or household, so it can call almost nothing.");
        }

        var request = new TokenRequest(subject, roles, lifetime)
        {
            Villages = villages, Supermarkets = supermarkets, Cooperatives = cooperatives, Household = household,
        };
        var token = TokenIssuer.Mint(key, issuer, request);
        Console.Error.WriteLine($"Token for {subject} ({string.Join(", ", roles.Select(r => r.ClaimValue()))}), "
            + $"reaching {new ScopeClaims(villages.ToHashSet(), supermarkets.ToHashSet(), cooperatives.ToHashSet(), household)}, "
            + $"valid until {DateTime.UtcNow + lifetime:yyyy-MM-dd HH:mm} UTC, signed by key {key.KeyId}{(keyPath.Contains("-----BEGIN", StringComparison.Ordinal) ? "" : $" ({Path.GetFullPath(keyPath)})")}.");
        Console.Error.WriteLine("Send it as the gRPC header  authorization: Bearer <token>");
        Console.WriteLine(token);
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

    private static double Positive(string value) =>
        double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 && n <= 3660
            ? n : throw new ArgumentException($"'{value}' is not a positive number of days or hours.");
}
