using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Testing;
using Platform.Testing.Matrix;
using Xunit;

namespace Platform.Host.Tests.Security;

/// <summary>
/// The embedded host (SQLite, the in-memory bus, a clock the seed moves) serving all three
/// packages, seeded with the matrix's home things: village V1, supermarket SM1, cooperative C1.
/// </summary>
public sealed class EmbeddedMatrix : IAsyncLifetime
{
    private readonly TempFolder data = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));

    public RunningApp App { get; private set; } = null!;

    public MatrixSeed Seed { get; private set; } = null!;

    public MatrixCodes Codes => Seed.Codes;

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync(args => Program.Build(args, s => s.AddSingleton<TimeProvider>(Clock)),
            new Dictionary<string, string?>
            {
                ["Platform:Mode"] = "Embedded",
                ["Platform:DataFolder"] = data.Path,
                ["Platform:BackgroundJobs"] = "false",
            });
        Seed = new MatrixSeed(MatrixCodes.Embedded, Clock, new Dictionary<string, RunningApp>
        {
            [MatrixSeed.ScoringPackage] = App,
            [MatrixSeed.RedemptionPackage] = App,
            [MatrixSeed.DividendsPackage] = App,
        });
        await Seed.SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (Seed is not null)
        {
            await Seed.DisposeAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        data.Dispose();
    }
}
