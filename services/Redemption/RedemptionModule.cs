using MassTransit;
using Platform.Redemption.Alerts;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.Redemption.Orders;
using Platform.Redemption.Reports;
using Platform.Redemption.ScoringLink;
using Platform.Redemption.Security;
using Platform.Redemption.Stock;
using Platform.Redemption.Supermarkets;
using Platform.Redemption.Villages;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Faults;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Security;

namespace Platform.Redemption;

/// <summary>Everything Redemption registers, so its own Program and the embedded host share it.</summary>
public static class RedemptionModule
{
    public const string Name = "redemption";

    public static IServiceCollection AddRedemption(this IServiceCollection services, PlatformOptions options)
    {
        services.AddServiceDatabase<RedemptionDb, SqliteRedemptionDb, PostgresRedemptionDb>(options, Name);
        services.AddOutboxRelay<RedemptionDb>(Name);
        services.AddAccessTable(RedemptionAccess.Table);
        services.AddAuditTrail<RedemptionDb>("platform.redemption.v1");
        services.AddServiceHealth(Name, "platform.redemption.v1.Supermarkets");
        services.AddScoped<IdempotentWrites<RedemptionDb>>();
        services.AddCheckedSettings<RedemptionSettings>(RedemptionSettings.Section);
        services.AddScoringLink();
        services.AddFailPoint(RedemptionFailPoints.AfterSpend, RedemptionFailPoints.AfterSpendDescription);
        services.AddScoped<StockBook>();
        services.AddScoped<CounterDesk>();
        services.AddSingleton<CounterDirectory>();
        services.AddSingleton<CounterFlights>();
        services.AddScoped<Redemptions>();
        services.AddScoped<Returns>();
        services.AddScoped<EfCounterStore>();
        // The counter's storage, chosen once: EF Core on SQLite, single statements on PostgreSQL (decision 0013).
        if (options.Mode == PlatformMode.Embedded)
        {
            services.AddScoped<ICounterStore>(sp => sp.GetRequiredService<EfCounterStore>());
        }
        else
        {
            services.AddSingleton(sp => new PostgresCounter(CounterDataSource(options), sp.GetRequiredService<OutboxSignal<RedemptionDb>>(), options.GroupCommit));
            services.AddScoped<ICounterStore, PostgresCounterStore>();
        }

        if (options.BackgroundJobs)
        {
            services.AddHostedService<RecoveryWorker>();
        }

        return services;
    }

    /// <summary>
    /// The counter's own connection pool (EF Core keeps its own). Its commands change no session
    /// state, so a connection returned to the pool needs no reset; its few statements are
    /// prepared once per connection and then only bound and executed.
    /// </summary>
    private static Npgsql.NpgsqlDataSource CounterDataSource(PlatformOptions options) =>
        Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(ServiceDatabaseExtensions.PostgresConnectionString(options, Name))
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 8,
            AutoPrepareMinUsages = 2,
            ApplicationName = "redemption-counter",
        });

    public static void ConfigureBus(IBusRegistrationConfigurator bus, PlatformOptions options)
    {
        bus.AddConsumer<VillageRegisteredConsumer>()
            .Endpoint(e => e.Name = options.Queue("redemption-village-registered"));
        bus.AddConsumer<HouseholdRegisteredConsumer>()
            .Endpoint(e => e.Name = options.Queue("redemption-household-registered"));
        bus.AddConsumer<HouseholdChangedConsumer>()
            .Endpoint(e => e.Name = options.Queue("redemption-household-changed"));
        bus.AddConsumer<StockLowConsumer>()
            .Endpoint(e => e.Name = options.Queue("redemption-stock-low"));
    }

    public static IEndpointRouteBuilder MapRedemption(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<SupermarketsService>();
        endpoints.MapGrpcService<GoodsService>();
        endpoints.MapGrpcService<StockService>();
        endpoints.MapGrpcService<CounterService>();
        endpoints.MapGrpcService<ReportsService>();
        endpoints.MapGrpcService<HouseholdOrdersService>();
        endpoints.MapGrpcService<AuditTrailService>();
        endpoints.MapGrpcService<GiftRuns.GiftRunsService>();
        endpoints.MapGrpcService<StockAlertsService>();
        return endpoints;
    }
}
