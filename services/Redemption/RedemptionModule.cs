using MassTransit;
using Platform.Redemption.Data;
using Platform.Redemption.Supermarkets;
using Platform.Redemption.Villages;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Security;
using Platform.Redemption.Security;

namespace Platform.Redemption;

/// <summary>Everything Redemption registers, so its own Program and the embedded host share it.</summary>
public static class RedemptionModule
{
    public const string Name = "redemption";

    public static IServiceCollection AddRedemption(this IServiceCollection services, PlatformOptions options)
    {
        services.AddServiceDatabase<RedemptionDb, SqliteRedemptionDb, PostgresRedemptionDb>(options, Name);
        services.AddOutboxRelay<RedemptionDb>();
        services.AddAccessTable(RedemptionAccess.Table);
        services.AddServiceHealth(Name, "platform.redemption.v1.Supermarkets");
        return services;
    }

    public static void ConfigureBus(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<VillageRegisteredConsumer>()
            .Endpoint(e => e.Name = "redemption-village-registered");
    }

    public static IEndpointRouteBuilder MapRedemption(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<SupermarketsService>();
        return endpoints;
    }
}
