using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Redemption.ScoringLink;

/// <summary>
/// Where Scoring answers. Distributed: <c>Redemption:ScoringAddress</c> (default
/// http://127.0.0.1:5181). Embedded: the host's own address, known once the server has started,
/// so the embedded host speaks the same gRPC API to itself as the distributed services do.
/// </summary>
internal sealed class ScoringAddress(IOptions<RedemptionSettings> settings, PlatformOptions options, IServer server)
{
    public Uri Resolve()
    {
        if (settings.Value.ScoringAddress is { } configured)
        {
            return configured;
        }

        if (options.Mode == PlatformMode.Distributed)
        {
            return new Uri("http://127.0.0.1:5181");
        }

        var own = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The embedded host has no http address yet; Scoring cannot be reached.");
        return new Uri(own.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
    }
}
