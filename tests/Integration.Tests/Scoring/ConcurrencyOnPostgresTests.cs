using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>The ledger's guarantees under concurrent calls, on the real PostgreSQL.</summary>
public sealed class ConcurrencyOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private HouseholdRef Wang => new() { VillageCode = scoring.Village, HouseholdNumber = "001" };

    [Fact]
    public async Task Fifty_concurrent_holds_never_take_a_household_below_zero_available()
    {
        await scoring.AwardAsync(100, "holds");
        var before = await scoring.Ledger.GetBalanceAsync(Wang);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            try
            {
                await scoring.Ledger.HoldAsync(new HoldRequest { HoldId = $"order-{i}", Household = Wang, Points = 3, Actor = "counter 1" });
                return StatusCode.OK;
            }
            catch (RpcException ex)
            {
                return ex.StatusCode;
            }
        }));

        var granted = outcomes.Count(o => o == StatusCode.OK);
        Assert.All(outcomes, o => Assert.True(o is StatusCode.OK or StatusCode.FailedPrecondition, $"unexpected {o}"));
        Assert.Equal(before.Available / 3, granted);
        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal(before.Available - 3 * granted, after.Available);
        Assert.True(after.Available >= 0);
        Assert.Equal(3 * granted, after.Held - before.Held);

        foreach (var i in Enumerable.Range(0, 50))
        {
            await scoring.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = $"order-{i}", Actor = "counter 1" }).ResponseAsync
                .ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [Fact]
    public async Task Fifty_concurrent_retries_of_one_idempotency_key_post_once()
    {
        await scoring.AwardAsync(40, "retries");
        var statement = await scoring.Ledger.GetStatementAsync(new GetStatementRequest { Household = Wang, PageSize = 1 });
        var award = statement.Entries.Single();
        var before = await scoring.Ledger.GetBalanceAsync(Wang);

        var request = new ReverseRequest { IdempotencyKey = "reverse-once", EntryId = award.Id, Actor = "p1", Reason = "Entered twice by mistake" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => scoring.Ledger.ReverseAsync(request).ResponseAsync));

        Assert.Single(answers.Select(a => a.Id).Distinct());
        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal(before.Balance_ - award.Points, after.Balance_);
        await using var scope = scoring.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        Assert.Equal(1, await db.Entries.CountAsync(e => e.ReversesEntryId == award.Id));
        Assert.Equal(1, await db.IdempotencyRecords.CountAsync(r => r.Key == "reverse-once"));
    }

    [Fact]
    public async Task Every_balance_equals_the_sum_of_its_entries_after_concurrent_spending()
    {
        await scoring.AwardAsync(60, "spend");
        await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            try
            {
                await scoring.Ledger.HoldAsync(new HoldRequest { HoldId = $"spend-{i}", Household = Wang, Points = 5, Actor = "counter 2" });
                await scoring.Ledger.CaptureAsync(new CaptureRequest { HoldId = $"spend-{i}", Actor = "counter 2" });
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                // Not enough points left: refused, as it must be.
            }
        }));

        await using var scope = scoring.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var accounts = await db.Accounts.AsNoTracking().ToListAsync();
        foreach (var account in accounts)
        {
            var sum = await db.Entries.Where(e => e.HouseholdId == account.HouseholdId).SumAsync(e => (long?)e.Points) ?? 0;
            Assert.Equal(sum, account.Balance);
            Assert.True(account.Balance - account.Held >= 0, "available went below zero");
        }

        var totals = await scoring.Ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = scoring.Village });
        Assert.Equal(totals.Balance, totals.Posted - totals.Captured);
    }
}
