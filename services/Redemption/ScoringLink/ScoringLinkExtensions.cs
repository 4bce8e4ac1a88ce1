using Platform.ServiceDefaults.Security;
using Scoring = Platform.Contracts.Scoring.V1;

namespace Platform.Redemption.ScoringLink;

internal static class ScoringLinkExtensions
{
    /// <summary>
    /// The gRPC clients of Scoring, carrying this service's token. The handler is never
    /// recycled, so the counter's hot path keeps one channel (and its HTTP/2 connections) for the
    /// life of the process instead of a new one every two minutes.
    /// </summary>
    public static IServiceCollection AddScoringLink(this IServiceCollection services)
    {
        services.AddSingleton<ScoringAddress>();
        services.AddScoringClient<Scoring.Ledger.LedgerClient>();
        services.AddScoringClient<Scoring.Households.HouseholdsClient>();
        services.AddScoped<ScoringLedger>();
        return services;
    }

    private static void AddScoringClient<TClient>(this IServiceCollection services) where TClient : class =>
        services.AddGrpcClient<TClient>((sp, o) => o.Address = sp.GetRequiredService<ScoringAddress>().Configured)
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<ScoringAddress>().Configured == ScoringAddress.Own
                // The embedded host's own address is set per call (OwnAddressHandler). Given a SocketsHttpHandler,
                // gRPC would connect to the channel's address itself, before any handler could change it.
                ? new HttpClientHandler()
                : new SocketsHttpHandler
                {
                    EnableMultipleHttp2Connections = true,
                    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
                    KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                })
            .AddHttpMessageHandler(sp => new OwnAddressHandler(sp.GetRequiredService<ScoringAddress>()))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureChannel(o => o.MaxReceiveMessageSize = 4 * 1024 * 1024)
            .AddPlatformServiceToken();
}
