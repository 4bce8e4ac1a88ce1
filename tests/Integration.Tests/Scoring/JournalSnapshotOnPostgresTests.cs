using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// VerifyJournal on a live PostgreSQL ledger (the fault runner's seed 1332; JournalSnapshotTests
/// does the same on SQLite): a hold that ends between two of the verifier's reads is not taken
/// for a broken ledger.
/// </summary>
public sealed class JournalSnapshotOnPostgresTests : IAsyncLifetime
{
    private readonly Intercepted scoring = new();

    public Task InitializeAsync() => scoring.InitializeAsync();

    public Task DisposeAsync() => scoring.DisposeAsync();

    [Fact]
    public async Task A_hold_that_ends_while_the_journal_is_verified_is_not_taken_for_a_broken_ledger()
    {
        await scoring.AwardAsync(100, "snapshot");
        var hold = $"{scoring.Village}-s1";
        await scoring.Ledger.HoldAsync(new HoldRequest
        {
            HoldId = hold, Household = new HouseholdRef { VillageCode = scoring.Village, HouseholdNumber = "001" }, Points = 6, TtlSeconds = 60, Actor = "counter 1",
        });
        var journal = new Journal.JournalClient(scoring.App.Channel);
        await journal.SealJournalAsync(new SealJournalRequest { VillageCode = scoring.Village });
        scoring.Clock.Advance(TimeSpan.FromSeconds(61));
        var ended = 0;
        // After the verifier has read the holds (this one active), before it reads the accounts.
        scoring.Between.Arm("FROM accounts AS", async () =>
        {
            await using var scope = scoring.App.Services.CreateAsyncScope();
            ended = await scope.ServiceProvider.GetRequiredService<Platform.Scoring.Ledger.PointsLedger>().ExpireHoldsAsync(CancellationToken.None);
        });

        var verification = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = scoring.Village });

        Assert.True(scoring.Between.Ran, "the hold was not ended between the verifier's reads");
        Assert.True(ended >= 1, $"{ended} holds ended");
        Assert.True(verification.Intact, verification.Finding);
        Assert.Equal(HoldStatus.Expired, (await scoring.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = hold })).Status);
        var after = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = scoring.Village });
        Assert.True(after.Intact, after.Finding);
    }

    private sealed class Intercepted : ScoringOnPostgres
    {
        public BeforeCommand Between { get; } = new();

        protected override void MoreServices(IServiceCollection services) =>
            services.AddKeyedSingleton<IInterceptor>(typeof(Platform.Scoring.Data.ScoringDb), Between);
    }
}
