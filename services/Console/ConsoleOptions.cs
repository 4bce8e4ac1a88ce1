
namespace Platform.WebConsole;

/// <summary>Where the console listens and where it finds the services ("Platform:Console").</summary>
internal sealed class ConsoleOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The console's own address (HTTP/1.1 for browsers).</summary>
    public string Url { get; init; } = DefaultUrl;

    /// <summary>The three services' gRPC addresses; in embedded mode all are the host's.</summary>
    public Uri Scoring { get; init; } = new("http://127.0.0.1:5180");

    public Uri Redemption { get; init; } = new("http://127.0.0.1:5180");

    public Uri Dividends { get; init; } = new("http://127.0.0.1:5180");

    /// <summary>How long a person's platform token lives; the console mints a new one before it ends.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often an open page checks that its account is still enabled and unchanged.</summary>
    public TimeSpan RevalidationInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the keys that protect sign-in cookies are kept (default: the data folder's
    /// console-keys). Replicas of the console share one folder, so a cookie from one is good at all.
    /// </summary>
    public string? KeysFolder { get; init; }

    public static ConsoleOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Platform:Console");
        var services = section["Services"];
        Uri Address(string name) =>
            section[name] is { Length: > 0 } one ? new Uri(one) : services is { Length: > 0 } all ? new Uri(all) : new Uri("http://127.0.0.1:5180");
        return new ConsoleOptions
        {
            KeysFolder = section["KeysFolder"] is { Length: > 0 } keys ? keys : null,
            Url = section["Url"] is { Length: > 0 } url ? url : DefaultUrl,
            Scoring = Address("Scoring"),
            Redemption = Address("Redemption"),
            Dividends = Address("Dividends"),
            TokenLifetime = section["TokenMinutes"] is { Length: > 0 } minutes ? TimeSpan.FromMinutes(double.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromMinutes(15),
            RevalidationInterval = section["RevalidationSeconds"] is { Length: > 0 } seconds
                ? TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(5),
        };
    }
}
