using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// The token this service presents to other services: the configured Platform:Auth:ServiceToken,
/// or one it mints with its own private key and renews before it expires.
/// </summary>
internal sealed class ServiceToken(AuthOptions options, SigningKeys keys, IHostEnvironment environment)
{
    public const string SubjectPrefix = "service:";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private readonly Lock gate = new();
    private string? minted;
    private DateTimeOffset renewAt;

    /// <summary>
    /// service:&lt;name&gt;: the service's own name in distributed mode (what Platform:Auth:ServiceKeys
    /// and the access tables call it), the application's name in the embedded host.
    /// </summary>
    public string Subject => SubjectPrefix + (options.ServiceName ?? environment.ApplicationName);

    public Task<string> GetAsync()
    {
        if (options.ServiceToken is { } configured)
        {
            return Task.FromResult(configured);
        }

        if (keys.Signing is null)
        {
            throw new InvalidOperationException(
                "This service calls another but has no token for it: set Platform:Auth:ServiceToken (PLATFORM_AUTH_SERVICE_TOKEN) "
                + "to a token with role service, or Platform:Auth:SigningKey to the private key.");
        }

        lock (gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (minted is null || now >= renewAt)
            {
                minted = TokenIssuer.Mint(keys.Signing, keys.Issuer,
                    new TokenRequest(Subject, [Role.Service], Lifetime) { IssuedAt = now });
                renewAt = now + Lifetime / 2;
            }

            return Task.FromResult(minted);
        }
    }
}
