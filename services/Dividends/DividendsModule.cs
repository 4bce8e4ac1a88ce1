using MassTransit;
using Platform.Dividends.Board;
using Platform.Dividends.Cooperatives;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.Dividends.Members;
using Platform.Dividends.Payouts;
using Platform.Dividends.Security;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Security;

namespace Platform.Dividends;

/// <summary>Everything Dividends registers, so its own Program and the embedded host share it.</summary>
public static class DividendsModule
{
    public const string Name = "dividends";

    public static IServiceCollection AddDividends(this IServiceCollection services, PlatformOptions options)
    {
        services.AddServiceDatabase<DividendsDb, SqliteDividendsDb, PostgresDividendsDb>(options, Name);
        services.AddOutboxRelay<DividendsDb>(Name);
        services.AddScoped<IdempotentWrites<DividendsDb>>();
        services.AddAccessTable(DividendsAccess.Table);
        services.AddAuditTrail<DividendsDb>("platform.dividends.v1");
        services.AddServiceHealth(Name, "platform.dividends.v1.Cooperatives", "platform.dividends.v1.Members",
            "platform.dividends.v1.Distributions", "platform.dividends.v1.Payouts", "platform.dividends.v1.Board", "platform.dividends.v1.CollectiveIncome");
        return services;
    }

    /// <summary>Dividends consumes no events yet.</summary>
    public static void ConfigureBus(IBusRegistrationConfigurator bus, PlatformOptions options)
    {
    }

    public static IEndpointRouteBuilder MapDividends(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<CooperativesService>();
        endpoints.MapGrpcService<MembersService>();
        endpoints.MapGrpcService<DistributionsService>();
        endpoints.MapGrpcService<PayoutsService>();
        endpoints.MapGrpcService<Income.CollectiveIncomeService>();
        endpoints.MapGrpcService<AuditTrailService>();
        endpoints.MapGrpcService<BoardService>();
        return endpoints;
    }
}
