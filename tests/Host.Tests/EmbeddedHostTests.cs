using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Contracts.Dividends.V1;
using Platform.Contracts.Redemption.V1;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

public sealed class EmbeddedHostTests : IDisposable
{
    private readonly TempFolder data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("scoring")]
    [InlineData("redemption")]
    [InlineData("dividends")]
    [InlineData("platform.scoring.v1.Villages")]
    [InlineData("platform.redemption.v1.Supermarkets")]
    [InlineData("platform.dividends.v1.Cooperatives")]
    [InlineData("scoring.messaging")]
    [InlineData("redemption.messaging")]
    [InlineData("dividends.messaging")]
    public async Task Every_service_of_the_embedded_host_reports_serving(string service)
    {
        await using var host = await EmbeddedHost.StartAsync(data.Path);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await host.HealthAsync(service));
    }

    [Fact]
    public async Task A_health_check_before_the_migrations_reads_no_table_and_logs_no_error()
    {
        HealthReport? early = null;
        await using var host = await EmbeddedHost.StartAsync(data.Path, async app =>
            early = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync());

        // Health checks run from the host's first seconds; before a service's tables exist its
        // messaging check says so instead of reading the outbox (which EF Core logged as an error).
        Assert.Equal("the database schema is still being brought up to date", early!.Entries["redemption.messaging"].Data["outbox_error"]);
        Assert.Empty(host.Failures.All);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await host.HealthAsync("redemption.messaging"));
    }

    [Fact]
    public async Task An_unknown_service_name_is_not_found_by_the_health_service()
    {
        await using var host = await EmbeddedHost.StartAsync(data.Path);

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.HealthAsync("platform.nothing.v1.Nothing"));
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Each_service_keeps_its_own_sqlite_file_in_the_data_folder()
    {
        await using var host = await EmbeddedHost.StartAsync(data.Path);

        foreach (var service in new[] { "scoring", "redemption", "dividends" })
        {
            Assert.True(File.Exists(Path.Combine(data.Path, service + ".db")), $"{service}.db is missing");
        }
    }

    [Fact]
    public async Task Reflection_lists_the_three_services()
    {
        await using var host = await EmbeddedHost.StartAsync(data.Path);
        var reflection = new ServerReflection.ServerReflectionClient(host.Channel);

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("platform.scoring.v1.Villages", names);
        Assert.Contains("platform.redemption.v1.Supermarkets", names);
        Assert.Contains("platform.dividends.v1.Cooperatives", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }

    [Fact]
    public async Task A_village_registered_in_scoring_reaches_redemption_through_the_outbox_and_bus()
    {
        await using var host = await EmbeddedHost.StartAsync(data.Path);
        var villages = new Villages.VillagesClient(host.Channel);
        var supermarkets = new Supermarkets.SupermarketsClient(host.Channel);

        await villages.RegisterVillageAsync(Samples.Village("410522101201", "Dongshan"));
        await Poller.UntilAsync(async () =>
            (await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Any(v => v.Code == "410522101201"),
            "Redemption learns of the village");

        var supermarket = await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = "SM-01",
            Name = "Dongshan Love Supermarket",
            VillageCodes = { "410522101201" },
            CounterCodes = { "SM-01-C1" },
        });
        Assert.Equal(["410522101201"], supermarket.VillageCodes);
    }

    [Fact]
    public async Task Data_survive_a_restart_of_the_host()
    {
        await using (var first = await EmbeddedHost.StartAsync(data.Path))
        {
            await new Villages.VillagesClient(first.Channel).RegisterVillageAsync(Samples.Village("410522101202", "Xishan"));
            await new Cooperatives.CooperativesClient(first.Channel).RegisterCooperativeAsync(new RegisterCooperativeRequest
            {
                IdempotencyKey = "register-COOP-7",
                Code = "COOP-7",
                Name = "Xishan Walnut Cooperative",
                Kind = CooperativeKind.FarmersSpecialised,
                VillageCode = "410522101202",
            });
        }

        await using var second = await EmbeddedHost.StartAsync(data.Path);
        var village = await new Villages.VillagesClient(second.Channel).GetVillageAsync(new GetVillageRequest { Code = "410522101202" });
        var cooperative = await new Cooperatives.CooperativesClient(second.Channel).GetCooperativeAsync(new GetCooperativeRequest { Code = "COOP-7" });

        Assert.Equal("Xishan", village.Name);
        Assert.Equal(CooperativeKind.FarmersSpecialised, cooperative.Kind);
    }
}
