using Grpc.Health.V1;
using Platform.Contracts.Redemption.V1;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;
using DividendsProgram = Platform.Dividends.Program;
using RedemptionProgram = Platform.Redemption.Program;
using ScoringProgram = Platform.Scoring.Program;

namespace Platform.Integration.Tests.Hosting;

/// <summary>The services as separate hosts on PostgreSQL, RabbitMQ and Redis.</summary>
public sealed class DistributedHostingTests : IAsyncLifetime
{
    private readonly List<string> databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in databases)
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    private async Task<string> Database(string purpose)
    {
        var name = await Servers.CreateDatabaseAsync(purpose);
        databases.Add(name);
        return name;
    }

    [Fact]
    public async Task Each_service_migrates_its_postgres_database_and_reports_serving()
    {
        await using var scoring = await DistributedServices.StartAsync(args => ScoringProgram.Build(args), "scoring", await Database("scoring"));
        await using var redemption = await DistributedServices.StartAsync(args => RedemptionProgram.Build(args), "redemption", await Database("redemption"));
        await using var dividends = await DistributedServices.StartAsync(args => DividendsProgram.Build(args), "dividends", await Database("dividends"));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await scoring.HealthAsync("scoring"));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await redemption.HealthAsync("redemption"));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await dividends.HealthAsync("dividends"));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await scoring.HealthAsync(""));
    }

    [Fact]
    public async Task A_service_whose_redis_cannot_be_reached_reports_not_serving()
    {
        // Dividends consumes no queue another test waits on: a host that cannot reach Redis must not
        // hold messages (a Scoring host here would sit on leaderboard events while it retries).
        // Port 1 on loopback: nothing listens there.
        await using var dividends = await DistributedServices.StartAsync(
            args => DividendsProgram.Build(args), "dividends", await Database("dividends"), redis: "127.0.0.1:1,connectTimeout=500");

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await dividends.HealthAsync("dividends"));
    }

    [Fact]
    public async Task A_village_registered_in_scoring_reaches_redemption_over_rabbitmq()
    {
        await using var scoring = await DistributedServices.StartAsync(args => ScoringProgram.Build(args), "scoring", await Database("scoring"));
        await using var redemption = await DistributedServices.StartAsync(args => RedemptionProgram.Build(args), "redemption", await Database("redemption"));
        var code = "IT" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);

        await new Villages.VillagesClient(scoring.Channel).RegisterVillageAsync(new RegisterVillageRequest
        {
            IdempotencyKey = "register-" + code,
            Code = code,
            Name = "Shangping",
            Township = "Heshui Township",
            County = "Anle County",
        });

        var supermarkets = new Supermarkets.SupermarketsClient(redemption.Channel);
        await Poller.UntilAsync(async () =>
            (await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Any(v => v.Code == code),
            "Redemption learns of the village from Scoring's event", TimeSpan.FromSeconds(30));
        var supermarket = await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = "SM-" + code,
            Name = "Shangping Love Supermarket",
            VillageCodes = { code },
            CounterCodes = { "C1-" + code },
        });
        Assert.Equal([code], supermarket.VillageCodes);
    }
}
