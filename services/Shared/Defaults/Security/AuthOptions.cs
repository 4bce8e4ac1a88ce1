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

    /// <summary>Further public keys to trust (a key being rotated out; an issuer elsewhere).</summary>
    public IReadOnlyList<string> PublicKeys { get; init; } = [];

    /// <summary>A service token minted elsewhere, for a service that holds no private key.</summary>
    public string? ServiceToken { get; init; }

    /// <summary>Both the issuer and the audience of every token.</summary>
    public string Issuer { get; init; } = DefaultIssuer;

    public static AuthOptions From(IConfiguration configuration, PlatformOptions platform)
    {
        var section = configuration.GetSection("Platform:Auth");
        var publicKeys = section.GetSection("PublicKeys").GetChildren().Select(c => c.Value)
            .Concat(Split(section["PublicKeys"] ?? configuration["PLATFORM_AUTH_PUBLIC_KEYS"]))
            .Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k!).ToList();
        var signingKey = NullIfEmpty(section["SigningKey"] ?? configuration["PLATFORM_AUTH_SIGNING_KEY"]);
        if (signingKey is null && platform.Mode == PlatformMode.Embedded)
        {
            signingKey = DefaultKeyFile(platform.DataFolder);
        }

        var options = new AuthOptions
        {
            SigningKey = signingKey,
            PublicKeys = publicKeys,
            ServiceToken = NullIfEmpty(section["ServiceToken"] ?? configuration["PLATFORM_AUTH_SERVICE_TOKEN"]),
            Issuer = NullIfEmpty(section["Issuer"] ?? configuration["PLATFORM_AUTH_ISSUER"]) ?? DefaultIssuer,
        };
        if (options.SigningKey is null && options.PublicKeys.Count == 0)
        {
            throw new InvalidOperationException(
                "Distributed mode needs a key to check tokens with: Platform:Auth:SigningKey (or PLATFORM_AUTH_SIGNING_KEY), "
                + "a PEM file of an EC P-256 private key, or Platform:Auth:PublicKeys (PLATFORM_AUTH_PUBLIC_KEYS). "
                + "`dotnet run --project services/Host -- token --key FILE ...` creates one.");
        }

        return options;
    }

    /// <summary>Where the embedded host keeps the key it creates on first start.</summary>
    public static string DefaultKeyFile(string dataFolder) => Path.Combine(dataFolder, "auth", "signing-key.pem");

    // PEM texts contain no ';', so several keys (or file names) can share one variable.
    private static IEnumerable<string?> Split(string? value) =>
        value is null ? [] : value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
