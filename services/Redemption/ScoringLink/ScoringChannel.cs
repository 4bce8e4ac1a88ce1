using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Security;

namespace Platform.Redemption.ScoringLink;

/// <summary>
/// The channel to Scoring. Distributed: <c>Redemption:ScoringAddress</c> (default
/// http://127.0.0.1:5181). Embedded: the host's own address, found once the server has started,
/// so the embedded host speaks the same gRPC API to itself as the distributed services do.
/// </summary>
public sealed class ScoringChannel(IOptions<RedemptionSettings> settings, PlatformOptions options, IServer server, IServiceProvider services) : IDisposable
{
    private readonly Lock gate = new();
    private GrpcChannel? channel;

    public GrpcChannel Channel
    {
        get
        {
            if (channel is not null)
            {
                return channel;
            }

            lock (gate)
            {
                return channel ??= GrpcChannel.ForAddress(Address(), new GrpcChannelOptions
                {
                    HttpHandler = new SocketsHttpHandler
                    {
                        EnableMultipleHttp2Connections = true,
                        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                    },
                    MaxReceiveMessageSize = 4 * 1024 * 1024,
                    // Every call carries this service's own token (role service).
                    Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, services.ServiceTokenCredentials()),
                    UnsafeUseInsecureChannelCallCredentials = true,
                });
            }
        }
    }

    public void Dispose() => channel?.Dispose();

    private Uri Address()
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
        var uri = new Uri(own.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        return uri;
    }
}
