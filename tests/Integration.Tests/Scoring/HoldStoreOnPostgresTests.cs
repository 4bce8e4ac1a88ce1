using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Ledger;
using Platform.ScoringTests;
using Platform.Testing;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>The hold store's contract on PostgreSQL (PostgresHoldStore: one statement per hot call, grouped).</summary>
public sealed class HoldStoreOnPostgresTests(ScoringOnPostgres scoring) : HoldStoreContract, IClassFixture<ScoringOnPostgres>
{
    protected override RunningApp App => scoring.App;

    protected override HouseholdRef Household => new() { VillageCode = scoring.Village, HouseholdNumber = "001" };

    protected override HouseholdRef Other => new() { VillageCode = scoring.Village, HouseholdNumber = "002" };

    protected override Task GiveThirtyAsync() => scoring.AwardAsync(30, $"contract-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_service_runs_on_the_PostgreSQL_store()
    {
        await using var scope = scoring.App.Services.CreateAsyncScope();
        Assert.IsType<PostgresHoldStore>(scope.ServiceProvider.GetRequiredService<IHoldStore>());
    }
}
