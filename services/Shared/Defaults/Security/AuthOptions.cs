using Microsoft.Extensions.Configuration;
using Platform.ServiceDefaults.Hosting;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// How tokens are checked, from the "Platform:Auth" section or PLATFORM_AUTH_* variables.
/// A key is a PEM text or the path of a PEM file (EC P-256; tokens are ES256).
/// </summary>
public sealed class AuthOptions
{
    public const string DefaultIssuer = "love-points-platform";

    /// <summary>The private key: tokens it signs are trusted, and this process can mint its own service token.</summary>
    public string? SigningKey { get; init; }

    /// <summary>
    /// Further public keys to trust for every role (a key being rotated out; an issuer elsewhere).
    /// With <see cref="PeopleKeys"/> or <see cref="ServiceKeys"/> set, prefer those: they limit what a key may grant.
    /// </summary>
    public IReadOnlyList<string> PublicKeys { get; init; } = [];

    /// <summary>Public keys of the sign-in side (the console): their tokens may carry any role but service.</summary>
    public IReadOnlyList<string> PeopleKeys { get; init; } = [];

    /// <summary>
    /// Public keys of named services ("redemption" → key): a token one of them signs is accepted only
    /// with the single role service and the subject service:&lt;name&gt;, and only for the RPCs the
    /// access tables grant to that service.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServiceKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The name this process's service tokens carry (subject service:&lt;name&gt;): in distributed mode
    /// the service's own name; null in the embedded host, which then uses its application name.
    /// </summary>
    public string? ServiceName { get; init; }

    /// <summary>
    /// Keys are split by what they may sign (people's tokens, one service's tokens): the own
    /// <see cref="SigningKey"/> then only signs this service's tokens and is not trusted by it.
    /// </summary>
    public bool SplitKeys => PeopleKeys.Count > 0 || ServiceKeys.Count > 0;

    /// <summary>A service token minted elsewhere, for a service that holds no private key.</summary>
    public string? ServiceToken { get; init; }

    /// <summary>Both the issuer and the audience of every token.</summary>
    public string Issuer { get; init; } = DefaultIssuer;

    /// <param name="serviceName">The service's own name, for its service tokens in distributed mode.</param>
    public static AuthOptions From(IConfiguration configuration, PlatformOptions platform, string? serviceName = null)
    {
        var section = configuration.GetSection("Platform:Auth");
        var publicKeys = Keys(section, "PublicKeys", configuration["PLATFORM_AUTH_PUBLIC_KEYS"]);
        var peopleKeys = Keys(section, "PeopleKeys", configuration["PLATFORM_AUTH_PEOPLE_KEYS"]);
        var serviceKeys = section.GetSection("ServiceKeys").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .ToDictionary(c => c.Key.ToLowerInvariant(), c => c.Value!, StringComparer.Ordinal);
        var signingKey = NullIfEmpty(section["SigningKey"] ?? configuration["PLATFORM_AUTH_SIGNING_KEY"]);
        if (signingKey is null && platform.Mode == PlatformMode.Embedded)
        {
            signingKey = DefaultKeyFile(platform.DataFolder);
        }

        var options = new AuthOptions
        {
            SigningKey = signingKey,
            PublicKeys = publicKeys,
            PeopleKeys = peopleKeys,
            ServiceKeys = serviceKeys,
            ServiceName = NullIfEmpty(section["ServiceName"])?.ToLowerInvariant()
                ?? (platform.Mode == PlatformMode.Distributed ? serviceName : null),
            ServiceToken = NullIfEmpty(section["ServiceToken"] ?? configuration["PLATFORM_AUTH_SERVICE_TOKEN"]),
            Issuer = NullIfEmpty(section["Issuer"] ?? configuration["PLATFORM_AUTH_ISSUER"]) ?? DefaultIssuer,
        };
        if (options.SigningKey is null && options.PublicKeys.Count == 0 && !options.SplitKeys)
        {
            throw new InvalidOperationException(
                "Distributed mode needs a key to check tokens with: Platform:Auth:SigningKey (or PLATFORM_AUTH_SIGNING_KEY), "
                + "a PEM file of an EC P-256 private key, or public keys: Platform:Auth:PeopleKeys and Platform:Auth:ServiceKeys:<name> "
                + "(or Platform:Auth:PublicKeys, trusted for every role). "
                + "`dotnet run --project services/Host -- token --key FILE ...` creates one.");
        }

        return options;
    }

    /// <summary>Where the embedded host keeps the key it creates on first start.</summary>
    public static string DefaultKeyFile(string dataFolder) => Path.Combine(dataFolder, "auth", "signing-key.pem");

    private static List<string> Keys(IConfigurationSection section, string name, string? variable) =>
        section.GetSection(name).GetChildren().Select(c => c.Value)
            .Concat(Split(section[name] ?? variable))
            .Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!).ToList();

    // PEM texts contain no ';', so several keys (or file names) can share one variable.
    private static IEnumerable<string?> Split(string? value) =>
        value is null ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
