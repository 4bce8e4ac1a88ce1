using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Xunit;
using Xunit.Abstractions;
using HoldStatus = Platform.Contracts.Scoring.V1.HoldStatus;
using StoredStatus = Platform.Scoring.Ledger.HoldStatus;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// The counter's one-call spend on PostgreSQL under concurrency: spends racing for one balance,
/// a spend racing its own cancel, and the audit record committed in the spend's own statement.
/// </summary>
public sealed class SpendsOnPostgresTests(ScoringOnPostgres scoring, ITestOutputHelper output) : IClassFixture<ScoringOnPostgres>
{
    private HouseholdRef Wang => new() { VillageCode = scoring.Village, HouseholdNumber = "001" };

    private Task<HoldResponse> Spend(string id, long points) =>
        scoring.Ledger.SpendAsync(new SpendRequest { SpendId = id, Household = Wang, Points = points, Actor = "counter 1" }).ResponseAsync;

    private Task<HoldResponse> Cancel(string id) =>
        scoring.Ledger.CancelSpendAsync(new CancelSpendRequest { SpendId = id, Household = Wang, Actor = "recovery", Reason = "order cancelled" }).ResponseAsync;

    [Fact]
    public async Task Sixteen_spends_at_once_on_a_balance_that_covers_some_charge_exactly_the_ones_that_succeed_and_never_go_below_zero()
    {
        await scoring.AwardAsync(30, "spend-race");
        var before = await scoring.Ledger.GetBalanceAsync(Wang);
        var points = before.Available / 4 + 1;
        var ids = Enumerable.Range(0, 16).Select(i => $"race-{i}").ToList();

        var outcomes = await Task.WhenAll(ids.Select(async id =>
        {
            try
            {
                return (Id: id, Spent: await Spend(id, points), Refusal: (string?)null);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return (Id: id, Spent: (HoldResponse?)null, Refusal: ex.Status.Detail);
            }
        }));

        var spent = outcomes.Where(o => o.Spent is not null).ToList();
        Assert.Equal(before.Available / points, spent.Count);
        Assert.All(outcomes.Where(o => o.Spent is null), o => Assert.Contains("points available", o.Refusal));
        Assert.All(spent, o => Assert.True(o.Spent!.AvailableAfter >= 0));
        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal((before.Balance_ - spent.Count * points, before.Held), (after.Balance_, after.Held));
        Assert.True(after.Available >= 0);

        await using var scope = scoring.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var rows = await db.Holds.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => h.Id).ToListAsync();
        Assert.Equal(spent.Select(o => o.Id).Order(), rows.Order());
        var entries = await db.Entries.AsNoTracking().Where(e => e.HoldId != null && ids.Contains(e.HoldId)).ToListAsync();
        Assert.Equal(spent.Select(o => (o.Id, -points)).OrderBy(x => x.Id), entries.Select(e => (e.HoldId!, e.Points)).OrderBy(x => x.Item1));
        await AssertBalanceIsTheSumOfEntriesAsync(db);
    }

    [Fact]
    public async Task The_same_spend_sent_sixteen_times_at_once_charges_once()
    {
        await scoring.AwardAsync(30, "spend-retries");
        var before = await scoring.Ledger.GetBalanceAsync(Wang);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Spend("retried-spend", 5)));

        Assert.Single(answers.Select(a => a.EntryId).Distinct());
        Assert.All(answers, a => Assert.Equal(HoldStatus.Captured, a.Status));
        Assert.Equal(before.Balance_ - 5, (await scoring.Ledger.GetBalanceAsync(Wang)).Balance_);
    }

    [Fact]
    public async Task A_spend_and_its_cancel_at_once_end_either_spent_and_refunded_or_fenced_and_refused_never_charged()
    {
        await scoring.AwardAsync(100, "spend-cancel-race");
        // Both paths warmed first, so that which call lands first depends on the race, not on a cold start.
        await Spend("sc-warm-1", 3);
        await Cancel("sc-warm-1");
        await Cancel("sc-warm-2");
        var before = await scoring.Ledger.GetBalanceAsync(Wang);
        var ids = Enumerable.Range(0, 24).Select(i => $"sc-race-{i}").ToList();

        // Pairs in waves of four: in each wave one pair sends the cancel first and the others send
        // it 1, 2 or 4 ms after the spend, so that cancels meet spends before, during and after
        // their statement, while the waves' calls also meet each other in groups.
        var results = new List<(string Id, (HoldResponse? Answer, string? Error) Spend, (HoldResponse? Answer, string? Error) Cancel)>();
        foreach (var wave in ids.Chunk(4))
        {
            results.AddRange(await Task.WhenAll(wave.Select(async (id, i) =>
            {
                Task<(HoldResponse? Answer, string? Error)> spend, cancel;
                if (i == 0)
                {
                    cancel = Outcome(() => Cancel(id));
                    spend = Outcome(() => Spend(id, 3));
                }
                else
                {
                    spend = Outcome(() => Spend(id, 3));
                    await Task.Delay((1 << i) / 2);
                    cancel = Outcome(() => Cancel(id));
                }

                return (Id: id, Spend: await spend, Cancel: await cancel);
            })));
        }

        await using var scope = scoring.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        foreach (var (id, spend, cancel) in results)
        {
            var row = await db.Holds.AsNoTracking().SingleAsync(h => h.Id == id);
            Assert.Null(cancel.Error);
            if (spend.Answer is not null)
            {
                // The spend landed first: the cancel refunded all of it.
                Assert.Equal((3L, 3L, StoredStatus.Captured), (row.Points, row.Refunded, row.Status));
                Assert.True(cancel.Answer!.RefundEntryId > 0);
            }
            else
            {
                // The fence landed first: the spend was refused and nothing was charged.
                Assert.Equal("SPEND_CANCELLED", spend.Error);
                Assert.Equal((0L, StoredStatus.Released), (row.Points, row.Status));
                Assert.False(await db.Entries.AnyAsync(e => e.HoldId == id));
            }
        }

        output.WriteLine($"{results.Count(r => r.Spend.Answer is not null)} spent then refunded, {results.Count(r => r.Spend.Answer is null)} fenced then refused");
        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal((before.Balance_, before.Held), (after.Balance_, after.Held));
        await AssertBalanceIsTheSumOfEntriesAsync(db);
    }

    [Fact]
    public async Task Grouped_spends_each_commit_with_exactly_one_audit_record_of_their_own_transaction_and_a_cancel_with_its_refund()
    {
        await scoring.AwardAsync(100, "spend-audit");
        var holds = scoring.App.Services.GetRequiredService<PostgresHolds>();
        var groupedBefore = holds.GroupCounts.Statements;
        var ids = Enumerable.Range(0, 16).Select(i => $"audit-spend-{i}").ToList();

        await Task.WhenAll(ids.Select(id => Spend(id, 2)));

        foreach (var id in ids)
        {
            Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM audit_records WHERE request_id = '{id}' AND method LIKE '%/Spend' AND outcome = 'OK'"));
            Assert.Equal(await ScalarAsync($"SELECT xmin::text::bigint FROM holds WHERE id = '{id}'"),
                await ScalarAsync($"SELECT xmin::text::bigint FROM audit_records WHERE request_id = '{id}' AND method LIKE '%/Spend'"));
            Assert.Equal(1L, await ScalarAsync(
                $"SELECT count(*) FROM audit_records WHERE request_id = '{id}' AND village_code = '{scoring.Village}' AND scope = '{scoring.Village}/001'"));
        }

        Assert.True(holds.GroupCounts.Statements > groupedBefore, "No spend of these concurrent calls travelled in a group.");

        // A cancel that refunds commits its record with the refund entry.
        var cancelled = await Cancel(ids[0]);
        Assert.Equal(await ScalarAsync($"SELECT xmin::text::bigint FROM ledger_entries WHERE id = {cancelled.RefundEntryId}"),
            await ScalarAsync($"SELECT xmin::text::bigint FROM audit_records WHERE request_id = '{ids[0]}' AND method LIKE '%/CancelSpend'"));
        // A replay changed nothing and is recorded after the call.
        await Spend(ids[1], 2);
        Assert.Equal(2L, await ScalarAsync($"SELECT count(*) FROM audit_records WHERE request_id = '{ids[1]}' AND method LIKE '%/Spend' AND outcome = 'OK'"));
        Assert.Equal(1L, await ScalarAsync(
            $"SELECT count(*) FROM audit_records r JOIN holds h ON h.id = r.request_id AND h.xmin::text = r.xmin::text WHERE r.request_id = '{ids[1]}'"));
    }

    private static async Task<(HoldResponse? Answer, string? Error)> Outcome(Func<Task<HoldResponse>> call)
    {
        try
        {
            return (await call(), null);
        }
        catch (RpcException ex)
        {
            return (null, ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? ex.StatusCode.ToString());
        }
    }

    private static async Task AssertBalanceIsTheSumOfEntriesAsync(ScoringDb db)
    {
        foreach (var account in await db.Accounts.AsNoTracking().ToListAsync())
        {
            Assert.Equal(await db.Entries.Where(e => e.HouseholdId == account.HouseholdId).SumAsync(e => e.Points), account.Balance);
            Assert.True(account.Balance - account.Held >= 0);
        }
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
