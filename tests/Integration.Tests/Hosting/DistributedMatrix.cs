using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Testing;
using Platform.Testing.Matrix;
using Xunit;
using DividendsProgram = Platform.Dividends.Program;
using RedemptionProgram = Platform.Redemption.Program;
using ScoringProgram = Platform.Scoring.Program;

namespace Platform.Integration.Tests.Hosting;

/// <summary>
/// Scoring, Redemption and Dividends each as a distributed-mode host of its own, each on a
/// PostgreSQL database of its own, on RabbitMQ (Redemption learns the matrix's village and
/// households from Scoring's events) and Redis, sharing one clock the seed moves; Redemption
/// reaches Scoring's ledger over gRPC with its service token. Seeded with the matrix's home
/// things under codes of this run's own (MatrixCodes.Unique), since the servers are shared.
/// </summary>
public sealed class DistributedMatrix : IAsyncLifetime
{
    private readonly List<string> databases = [];
    private readonly List<RunningApp> apps = [];

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));

    public MatrixSeed Seed { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var names = await Task.WhenAll(CreateDatabaseAsync("scoring"), CreateDatabaseAsync("redemption"), CreateDatabaseAsync("dividends"));
        var (scoringDb, redemptionDb, dividendsDb) = (names[0], names[1], names[2]);
        var scoring = await StartAsync(args => ScoringProgram.Build(args, UseClock), "scoring", scoringDb);
        var others = await Task.WhenAll(
            StartAsync(args => RedemptionProgram.Build(args, UseClock), "redemption", redemptionDb,
                ("Redemption:ScoringAddress", scoring.Address.ToString())),
            StartAsync(args => DividendsProgram.Build(args, UseClock), "dividends", dividendsDb));
        Seed = new MatrixSeed(MatrixCodes.Unique(), Clock, new Dictionary<string, RunningApp>
        {
            [MatrixSeed.ScoringPackage] = scoring,
            [MatrixSeed.RedemptionPackage] = others[0],
            [MatrixSeed.DividendsPackage] = others[1],
        });
        await Seed.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (Seed is not null)
        {
            await Seed.DisposeAsync();
        }

        foreach (var app in Enumerable.Reverse(apps))
        {
            await app.DisposeAsync();
        }

        foreach (var database in databases)
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    private void UseClock(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    private async Task<string> CreateDatabaseAsync(string service)
    {
        var name = await Servers.CreateDatabaseAsync("matrix_" + service);
        lock (databases)
        {
            databases.Add(name);
        }

        return name;
    }

    private async Task<RunningApp> StartAsync(Func<string[], WebApplication> build, string service, string database,
        params (string Key, string? Value)[] settings)
    {
        var all = settings.ToDictionary(s => s.Key, s => s.Value);
        // As on the embedded host: timed jobs (posting closed notices, expiring holds) would change the seed under the matrix.
        all["Platform:BackgroundJobs"] = "false";
        var app = await DistributedServices.StartAsync(build, service, database, settings: all);
        lock (apps)
        {
            apps.Add(app);
        }

        return app;
    }
}
