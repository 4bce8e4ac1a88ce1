using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// VerifyJournal on a live ledger (SQLite here; JournalOnPostgresTests on PostgreSQL). Found by the
/// fault runner (seed 1332): a hold ended between the verifier's read of the holds and its read of
/// the accounts, and the journal was reported broken, "household 028 shows 0 points held but its
/// active holds add up to 6".
/// </summary>
public sealed class JournalSnapshotTests : IAsyncLifetime
{
    private readonly BeforeCommand between = new();
    private ScoringHost host = null!;

    public async Task InitializeAsync() =>
        host = await ScoringHost.StartAsync(s => s.AddKeyedSingleton<IInterceptor>(typeof(ScoringDb), between));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_hold_that_ends_while_the_journal_is_verified_is_not_taken_for_a_broken_ledger()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await host.Ledger.HoldAsync(new HoldRequest { HoldId = "order-5", Household = ScoringHost.Household("004"), Points = 6, TtlSeconds = 60, Actor = "counter 1" });
        var journal = new Journal.JournalClient(host.App.Channel);
        await journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village });
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        var ended = 0;
        // After the verifier has read the holds (order-5 active), before it reads the accounts.
        between.Arm("FROM \"accounts\"", async () =>
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            ended = await scope.ServiceProvider.GetRequiredService<Platform.Scoring.Ledger.PointsLedger>().ExpireHoldsAsync(CancellationToken.None);
        });

        var verification = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });

        Assert.True(between.Ran, "the hold was not ended between the verifier's reads");
        Assert.Equal(1, ended);
        Assert.True(verification.Intact, verification.Finding);
        Assert.Equal(HoldStatus.Expired, (await host.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "order-5" })).Status);
        var after = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });
        Assert.True(after.Intact, after.Finding);
    }
}
