using MassTransit;
using Platform.Scoring.Data;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring;

/// <summary>Everything Scoring registers, so its own Program and the embedded host share it.</summary>
public static class ScoringModule
{
    public const string Name = "scoring";

    public static IServiceCollection AddScoring(this IServiceCollection services, PlatformOptions options)
    {
        services.AddServiceDatabase<ScoringDb, SqliteScoringDb, PostgresScoringDb>(options, Name);
        services.AddOutboxRelay<ScoringDb>();
        services.AddServiceHealth(Name, "platform.scoring.v1.Villages");
        return services;
    }

    /// <summary>Scoring consumes no events yet.</summary>
    public static void ConfigureBus(IBusRegistrationConfigurator bus)
    {
    }

    public static IEndpointRouteBuilder MapScoring(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<VillagesService>();
        return endpoints;
    }
}
