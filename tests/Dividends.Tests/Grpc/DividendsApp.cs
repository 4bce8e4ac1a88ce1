using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Dividends.Data;
using Platform.Testing;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>The Dividends service started for real in embedded mode (SQLite, in-memory bus), with clients.</summary>
internal sealed class DividendsApp : IAsyncDisposable
{
    private readonly TempFolder data;
    private readonly RunningApp app;

    private DividendsApp(TempFolder data, RunningApp app)
    {
        this.data = data;
        this.app = app;
        Cooperatives = new Api.Cooperatives.CooperativesClient(app.Channel);
        Members = new Api.Members.MembersClient(app.Channel);
        Distributions = new Api.Distributions.DistributionsClient(app.Channel);
        Payouts = new Api.Payouts.PayoutsClient(app.Channel);
        Income = new Api.CollectiveIncome.CollectiveIncomeClient(app.Channel);
    }

    public Api.Cooperatives.CooperativesClient Cooperatives { get; }

    public Api.Members.MembersClient Members { get; }

    public Api.Distributions.DistributionsClient Distributions { get; }

    public Api.Payouts.PayoutsClient Payouts { get; }

    public Api.Board.BoardClient Board => new(app.Channel);

    /// <summary>The running host, for channels with other tokens (a board member's).</summary>
    public RunningApp Host => app;
    public Api.CollectiveIncome.CollectiveIncomeClient Income { get; }

    /// <param name="clock">The service's clock, for tests that move time on (a public notice ending); the real one when null.</param>
    public static async Task<DividendsApp> StartAsync(FakeTimeProvider? clock = null)
    {
        var data = new TempFolder();
        Action<IServiceCollection>? configure = clock is null ? null : s => s.AddSingleton<TimeProvider>(clock);
        var app = await RunningApp.StartAsync(args => Program.Build(args, configure), new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Embedded",
            ["Platform:DataFolder"] = data.Path,
        });
        return new DividendsApp(data, app);
    }

    /// <summary>Outbox rows of one event type, read from the service's own database.</summary>
    public async Task<int> OutboxCountAsync(string eventType)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DividendsDb>();
        return await db.OutboxMessages.CountAsync(m => m.Type.Contains(eventType));
    }

    public async Task<int> DistributionCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DividendsDb>().Distributions.CountAsync();
    }

    public async Task<int> PayoutCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DividendsDb>().Payouts.CountAsync();
    }

    public async Task<int> HoldingCountAsync(long memberId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DividendsDb>().Holdings.CountAsync(h => h.MemberId == memberId);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        data.Dispose();
    }
}
