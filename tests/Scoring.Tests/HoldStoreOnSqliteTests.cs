using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>The hold store's contract on SQLite (embedded mode: EfHoldStore), a host of its own per test.</summary>
public sealed class HoldStoreOnSqliteTests : HoldStoreContract, IAsyncLifetime
{
    private ScoringHost host = null!;

    protected override RunningApp App => host.App;

    protected override HouseholdRef Household => ScoringHost.Household("004");

    protected override HouseholdRef Other => ScoringHost.Household("005");

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    protected override async Task GiveThirtyAsync() => await host.AwardAsync("004", "SIMPLE-CEREMONY");
}
