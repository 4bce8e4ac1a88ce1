using MassTransit;
using Platform.Scoring.Awards;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.Scoring.Leaderboards;
using Platform.Scoring.Ledger;
using Platform.Scoring.Panels;
using Platform.Scoring.Rules;
using Platform.Scoring.Security;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Security;
using StackExchange.Redis;

namespace Platform.Scoring;

/// <summary>Everything Scoring registers, so its own Program and the embedded host share it.</summary>
public static class ScoringModule
{
    public const string Name = "scoring";

    public static IServiceCollection AddScoring(this IServiceCollection services, PlatformOptions options)
    {
        services.AddServiceDatabase<ScoringDb, SqliteScoringDb, PostgresScoringDb>(options, Name);
        services.AddOutboxRelay<ScoringDb>(Name);
        services.AddServiceHealth(Name,
            "platform.scoring.v1.Villages", "platform.scoring.v1.Households", "platform.scoring.v1.Rules",
            "platform.scoring.v1.Panels", "platform.scoring.v1.Awards", "platform.scoring.v1.Ledger",
            "platform.scoring.v1.PointsExpiry", "platform.scoring.v1.YearReports");
        services.AddAccessTable(ScoringAccess.Table);
        services.AddAuditTrail<ScoringDb>("platform.scoring.v1");
        services.AddScoped<IdempotentWrites<ScoringDb>>();
        services.AddScoped<Lookups>();
        services.AddScoped<HouseholdViews>();
        services.AddScoped<HouseholdRegistry>();
        services.AddScoped<HouseholdMoves>();
        services.AddScoped<PointsLedger>();
        services.AddScoped<HoldRefunds>();
        services.AddScoped<EfHoldStore>();
        services.AddScoped<Journal.JournalSealer>();
        services.AddScoped<Journal.JournalVerifier>();
        services.AddScoped<RuleCatalogue>();
        services.AddScoped<AwardsWorkflow>();
        services.AddScoped<SheetWorkflow>();
        services.AddScoped<ProposalViews>();
        services.AddScoped<AwardsPosting>();
        services.AddOptions<PostingShares>().Configure<IConfiguration>((shares, configuration) => shares.Parallelism = PostingShares.From(configuration))
            .ValidateOnStart();
        services.AddScoped<LedgerReports>();
        services.AddScoped<Expiry.ExpiryPosting>();
        services.AddScoped<Expiry.ExpiryJob>();
        services.AddScoped<YearFigures>();
        services.AddCheckedSettings<ScoringSettings>(ScoringSettings.Section);
        if (options.Mode == PlatformMode.Embedded)
        {
            services.AddSingleton<ILeaderboardStore, InMemoryLeaderboardStore>();
            services.AddScoped<IHoldStore>(sp => sp.GetRequiredService<EfHoldStore>());
        }
        else
        {
            services.AddSingleton<ILeaderboardStore>(sp => new RedisLeaderboardStore(sp.GetRequiredService<IConnectionMultiplexer>()));
            services.AddSingleton(sp => new PostgresHolds(
                HoldsDataSource(options), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<OutboxSignal<ScoringDb>>(), options.GroupCommit));
            services.AddScoped<IHoldStore, PostgresHoldStore>();
        }

        if (options.BackgroundJobs)
        {
            services.AddHostedService<ScoringJobs>();
            services.AddHostedService<Journal.JournalSealing>();
        }

        return services;
    }

    /// <summary>
    /// The hot path's own connection pool (EF Core keeps its own). Its commands change no session
    /// state, so a connection returned to the pool needs no reset; its few statements are
    /// prepared once per connection and then only bound and executed.
    /// </summary>
    private static Npgsql.NpgsqlDataSource HoldsDataSource(PlatformOptions options) =>
        Npgsql.NpgsqlDataSource.Create(new Npgsql.NpgsqlConnectionStringBuilder(ServiceDatabaseExtensions.PostgresConnectionString(options, Name))
        {
            NoResetOnClose = true,
            MaxAutoPrepare = 8,
            AutoPrepareMinUsages = 2,
            ApplicationName = "scoring-holds",
        });

    public static void ConfigureBus(IBusRegistrationConfigurator bus, PlatformOptions options)
    {
        bus.AddConsumer<PointsPostedConsumer>().Endpoint(e => e.Name = options.Queue("scoring-leaderboards"));
        bus.AddConsumer<MemberJoinedConsumer>().Endpoint(e => e.Name = options.Queue("scoring-member-joined"));
    }

    public static IEndpointRouteBuilder MapScoring(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<VillagesService>();
        endpoints.MapGrpcService<HouseholdsService>();
        endpoints.MapGrpcService<RulesService>();
        endpoints.MapGrpcService<PanelsService>();
        endpoints.MapGrpcService<AwardsService>();
        endpoints.MapGrpcService<LedgerService>();
        endpoints.MapGrpcService<Expiry.ExpiryService>();
        endpoints.MapGrpcService<YearService>();
        endpoints.MapGrpcService<Journal.JournalService>();
        endpoints.MapGrpcService<AuditTrailService>();
        return endpoints;
    }
}
