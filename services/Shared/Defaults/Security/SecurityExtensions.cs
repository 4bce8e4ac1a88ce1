using Grpc.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Hosting;

namespace Platform.ServiceDefaults.Security;

public static class SecurityExtensions
{
    /// <summary>Keys, the token check and the access policy; called by AddPlatformDefaults.</summary>
    /// <param name="serviceName">The service's name, which its service tokens carry in distributed mode.</param>
    public static IServiceCollection AddPlatformSecurity(this IServiceCollection services, IConfiguration configuration, PlatformOptions platform,
        string? serviceName = null)
    {
        var options = AuthOptions.From(configuration, platform, serviceName);
        services.AddSingleton(options);
        services.AddSingleton(sp => new SigningKeys(sp.GetRequiredService<AuthOptions>()));
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<ServiceToken>();
        services.AddAccessTable(InfrastructureAccess.Table);
        return services;
    }

    /// <summary>Adds a service's access rules (one table per service, Security/*Access.cs).</summary>
    public static IServiceCollection AddAccessTable(this IServiceCollection services, AccessTable table)
    {
        if (!services.Any(d => d.ServiceType == typeof(AccessTable) && ReferenceEquals(d.ImplementationInstance, table)))
        {
            services.AddSingleton(table);
        }

        return services;
    }

    /// <summary>
    /// Makes a gRPC client of another platform service carry this service's token (role
    /// "service"): `services.AddGrpcClient&lt;Ledger.LedgerClient&gt;(...).AddPlatformServiceToken()`.
    /// </summary>
    public static IHttpClientBuilder AddPlatformServiceToken(this IHttpClientBuilder builder)
    {
        builder.AddCallCredentials(async (_, metadata, services) =>
        {
            var token = services.GetRequiredService<ServiceToken>();
            metadata.Add("authorization", "Bearer " + await token.GetAsync());
        });

        // Services talk h2c on a private network or loopback; without this the client refuses
        // to send call credentials over a channel that is not TLS.
        builder.ConfigureChannel(o => o.UnsafeUseInsecureChannelCallCredentials = true);
        return builder;
    }

    /// <summary>The same, for a channel made by hand.</summary>
    public static CallCredentials ServiceTokenCredentials(this IServiceProvider services) =>
        CallCredentials.FromInterceptor(async (_, metadata) =>
            metadata.Add("authorization", "Bearer " + await services.GetRequiredService<ServiceToken>().GetAsync()));
}
