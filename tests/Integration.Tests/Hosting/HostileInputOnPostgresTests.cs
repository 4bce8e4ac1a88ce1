using Platform.Testing;
using Xunit;
using DividendsProgram = Platform.Dividends.Program;
using RedemptionProgram = Platform.Redemption.Program;
using ScoringProgram = Platform.Scoring.Program;

namespace Platform.Integration.Tests.Hosting;

/// <summary>
/// The hostile-input run of tests/Host.Tests against the distributed services on PostgreSQL,
/// where column lengths, numeric ranges and constraints are enforced by the database: a value
/// the service did not check must still not come back as Internal.
/// </summary>
public sealed class HostileInputOnPostgresTests : IAsyncLifetime
{
    private const int CallsPerRpc = 15;
    private readonly List<string> databases = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in databases)
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task No_hostile_request_crashes_a_distributed_service_or_answers_internal()
    {
        var failures = new List<string>();
        await using (var scoring = await DistributedServices.StartAsync(args => ScoringProgram.Build(args), "scoring", await Database("scoring")))
        {
            failures.AddRange(await DriveAsync(scoring, "platform.scoring.v1", seed: 1));
        }

        await using (var redemption = await DistributedServices.StartAsync(args => RedemptionProgram.Build(args), "redemption", await Database("redemption")))
        {
            failures.AddRange(await DriveAsync(redemption, "platform.redemption.v1", seed: 2));
        }

        await using (var dividends = await DistributedServices.StartAsync(args => DividendsProgram.Build(args), "dividends", await Database("dividends")))
        {
            failures.AddRange(await DriveAsync(dividends, "platform.dividends.v1", seed: 3));
        }

        Assert.True(failures.Count == 0, $"{failures.Count} hostile calls were mishandled:\n" + string.Join("\n", failures.Take(40)));
    }

    private static async Task<List<string>> DriveAsync(RunningApp app, string package, int seed)
    {
        var methods = HostileInput.Methods(package);
        Assert.NotEmpty(methods);
        var failures = await new HostileInput(seed).DriveAsync(app.Channel, methods, CallsPerRpc);
        failures.AddRange(await HostileInput.SweepStringsAsync(app.Channel, methods));
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await app.HealthAsync());
        return failures;
    }

    private async Task<string> Database(string purpose)
    {
        var name = await Servers.CreateDatabaseAsync(purpose);
        databases.Add(name);
        return name;
    }
}
