using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.Scoring.Expiry;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>Points that expire (decision 0014), through the gRPC API on the embedded host with a controlled clock.</summary>
public sealed class ExpiryTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static HouseholdRef Wang => ScoringHost.Household("001");

    [Fact]
    public async Task Points_expire_first_earned_first_and_stay_in_the_history_and_the_rankings()
    {
        var policy = await SetPolicyAsync(ExpiryRule.MonthsAfterEarning, months: 1);
        Assert.Equal(("2026-12", "2026-10"), (policy.NextBoundary, policy.NextCutPeriod));
        await host.AwardAsync("001", "SIMPLE-CEREMONY"); // 30 in 2026-11
        MoveTo(new DateTime(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc));
        await host.AwardAsync("001", "SIMPLE-CEREMONY"); // 30 in 2026-12
        await host.Ledger.SpendAsync(new SpendRequest { SpendId = "order-1", Household = Wang, Points = 20, Actor = "counter" });

        // The spend took November's points first: 10 of them are left to expire on January 1.
        var expiring = await host.Expiry.ListExpiringPointsAsync(new ListExpiringPointsRequest { VillageCode = ScoringHost.Village });
        Assert.Equal(("2027-01", "2026-11", 1, 10L), (expiring.Boundary, expiring.CutPeriod, expiring.Households, expiring.Points));
        Assert.Equal(("001", "Wang Xiulan", 10L), (expiring.Lines[0].HouseholdNumber, expiring.Lines[0].HeadName, expiring.Lines[0].Points));
        var before = (await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = Wang })).Balance;
        Assert.Equal((10L, new DateTime(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc)), (before.ExpiringPoints, before.ExpiringAt.ToDateTime()));
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(Wang)).ExpiringPoints);

        MoveTo(new DateTime(2027, 1, 1, 0, 10, 0, DateTimeKind.Utc));
        var run = await host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-1", VillageCode = ScoringHost.Village, Actor = "clerk Zhou" });
        Assert.Equal(("2027-01", "2026-11", 1, 10L), (run.Boundary, run.CutPeriod, run.Households, run.Points));

        var balance = await host.Ledger.GetBalanceAsync(Wang);
        Assert.Equal((30L, 30L, 60L), (balance.Balance_, balance.Available, balance.LifetimeAwarded));
        var statement = await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = Wang });
        var expiry = Assert.Single(statement.Entries, e => e.Kind == EntryKind.Expiry);
        Assert.Equal((-10L, "2027-01", "clerk Zhou"), (expiry.Points, expiry.Period, expiry.Actor));
        Assert.Equal(2, statement.Entries.Count(e => e.Kind == EntryKind.Award));

        // Honour points: the month's ranking counts what was earned, rebuilt from the ledger or not.
        foreach (var rebuild in new[] { false, true })
        {
            if (rebuild)
            {
                await host.Ledger.RebuildLeaderboardAsync(new RebuildLeaderboardRequest { VillageCode = ScoringHost.Village, Period = "2026-11" });
            }

            var board = await host.Ledger.GetLeaderboardAsync(new GetLeaderboardRequest { VillageCode = ScoringHost.Village, Period = "2026-11", List = LeaderboardList.Red });
            Assert.Equal(30, board.Lines.Single(l => l.HouseholdNumber == "001").Points);
        }

        var totals = await host.Ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = ScoringHost.Village });
        Assert.Equal((10L, 60L, 20L, 30L), (totals.Expired, totals.Posted, totals.Captured, totals.Balance));
        await host.AssertInvariantsAsync();

        // Once per boundary: another request answers the first run and changes nothing.
        var again = await host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-2", VillageCode = ScoringHost.Village, Actor = "clerk Zhou" });
        Assert.Equal(run, again);
        Assert.Equal(run, await host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-1", VillageCode = ScoringHost.Village, Actor = "clerk Zhou" }));
        Assert.Equal(30, (await host.Ledger.GetBalanceAsync(Wang)).Balance_);

        // The expiry entries are chained like any other.
        var journal = new Journal.JournalClient(host.App.Channel);
        await journal.SealJournalAsync(new SealJournalRequest { VillageCode = ScoringHost.Village });
        var verification = await journal.VerifyJournalAsync(new VerifyJournalRequest { VillageCode = ScoringHost.Village });
        Assert.True(verification.Intact, verification.Finding);
    }

    [Fact]
    public async Task Held_points_are_not_expired_and_expire_at_the_next_boundary_once_released()
    {
        await SetPolicyAsync(ExpiryRule.YearEnd);
        await host.AwardAsync("001", "SIMPLE-CEREMONY");
        MoveTo(new DateTime(2026, 12, 31, 20, 0, 0, DateTimeKind.Utc));
        await host.Ledger.HoldAsync(new HoldRequest { HoldId = "order-h", Household = Wang, Points = 25, TtlSeconds = 86_400, Actor = "counter" });
        MoveTo(new DateTime(2027, 1, 1, 0, 5, 0, DateTimeKind.Utc));
        var run = await host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-1", VillageCode = ScoringHost.Village, Actor = "clerk Zhou" });
        Assert.Equal(5, run.Points);
        var balance = await host.Ledger.GetBalanceAsync(Wang);
        Assert.Equal((25L, 25L, 0L), (balance.Balance_, balance.Held, balance.Available));

        await host.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "order-h", Actor = "counter" });
        MoveTo(new DateTime(2027, 2, 1, 0, 5, 0, DateTimeKind.Utc));
        run = await host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-2", VillageCode = ScoringHost.Village, Actor = "clerk Zhou" });
        Assert.Equal(("2027-02", "2026-12", 25L), (run.Boundary, run.CutPeriod, run.Points));
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(Wang)).Balance_);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task The_job_sends_one_notice_ahead_and_expires_at_the_boundary()
    {
        await SetPolicyAsync(ExpiryRule.YearEnd, noticeDays: 14);
        await host.AwardAsync("002", "SIMPLE-CEREMONY");
        MoveTo(new DateTime(2026, 12, 16, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(0, (await RunJobAsync()).Notices);
        MoveTo(new DateTime(2026, 12, 18, 9, 0, 0, DateTimeKind.Utc));
        Assert.Equal(1, (await RunJobAsync()).Notices);
        Assert.Equal(0, (await RunJobAsync()).Notices);
        var payload = Assert.Single(await OutboxAsync("PointsExpiring"));
        Assert.Contains("\"householdNumber\":\"002\"", payload, StringComparison.Ordinal);
        Assert.Contains("\"points\":30", payload, StringComparison.Ordinal);

        MoveTo(new DateTime(2027, 1, 1, 0, 1, 0, DateTimeKind.Utc));
        var result = await RunJobAsync();
        Assert.Equal((1, 30L), (result.Villages, result.Points));
        Assert.Equal((0, 0L), ((await RunJobAsync()).Villages, (await RunJobAsync()).Points));
        Assert.Single(await OutboxAsync("PointsExpired"));
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("002"))).Balance_);
        var statement = await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("002") });
        Assert.Equal(ExpiryJob.Actor, statement.Entries.Single(e => e.Kind == EntryKind.Expiry).Actor);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_village_without_a_policy_sees_no_change()
    {
        await host.AwardAsync("001", "SIMPLE-CEREMONY");
        var policy = await host.Expiry.GetExpiryPolicyAsync(new GetExpiryPolicyRequest { VillageCode = ScoringHost.Village });
        Assert.Equal((ExpiryRule.None, string.Empty), (policy.Rule, policy.NextBoundary));
        MoveTo(new DateTime(2028, 1, 1, 0, 5, 0, DateTimeKind.Utc));
        Assert.Equal(0, (await RunJobAsync()).Villages);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "EXPIRY_POLICY_NONE", () =>
            host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-1", VillageCode = ScoringHost.Village, Actor = "clerk Zhou" }).ResponseAsync);
        var expiring = await host.Expiry.ListExpiringPointsAsync(new ListExpiringPointsRequest { VillageCode = ScoringHost.Village });
        Assert.Equal((0, 0L), (expiring.Households, expiring.Points));
        Assert.Equal(30, (await host.Ledger.GetBalanceAsync(Wang)).Balance_);
    }

    [Fact]
    public async Task The_first_boundary_is_the_month_start_after_the_policy_was_set()
    {
        await host.AwardAsync("001", "SIMPLE-CEREMONY");
        await SetPolicyAsync(ExpiryRule.MonthsAfterEarning, months: 1);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "EXPIRY_BOUNDARY_BEFORE_POLICY", () =>
            host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-1", VillageCode = ScoringHost.Village, Boundary = "2026-11", Actor = "clerk Zhou" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "EXPIRY_BOUNDARY_NOT_REACHED", () =>
            host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = "expire-2", VillageCode = ScoringHost.Village, Boundary = "2027-01", Actor = "clerk Zhou" }).ResponseAsync);
        Assert.Equal(30, (await host.Ledger.GetBalanceAsync(Wang)).Balance_);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_an_actionable_reason_and_changes_nothing()
    {
        Task Set(ExpiryRule rule, int months, int notice, string key) =>
            host.Expiry.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
            {
                IdempotencyKey = key, VillageCode = ScoringHost.Village, Rule = rule, Months = months, NoticeDays = notice, Actor = "clerk Zhou",
            }).ResponseAsync;
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EXPIRY_RULE_INVALID", () => Set(ExpiryRule.Unspecified, 0, 0, "k1"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EXPIRY_MONTHS_INVALID", () => Set(ExpiryRule.MonthsAfterEarning, 0, 0, "k2"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EXPIRY_MONTHS_INVALID", () => Set(ExpiryRule.MonthsAfterEarning, 121, 0, "k3"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EXPIRY_MONTHS_INVALID", () => Set(ExpiryRule.YearEnd, 6, 0, "k4"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EXPIRY_NOTICE_DAYS_INVALID", () => Set(ExpiryRule.YearEnd, 0, 29, "k5"));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND", () =>
            host.Expiry.GetExpiryPolicyAsync(new GetExpiryPolicyRequest { VillageCode = "NOPE" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PERIOD_INVALID", () =>
            host.Expiry.ListExpiringPointsAsync(new ListExpiringPointsRequest { VillageCode = ScoringHost.Village, Boundary = "2026-13" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "EXPIRY_BOUNDARY_NOT_AHEAD", () =>
            host.Expiry.ListExpiringPointsAsync(new ListExpiringPointsRequest { VillageCode = ScoringHost.Village, Boundary = "2026-11" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "IDEMPOTENCY_KEY_REQUIRED", () =>
            host.Expiry.ExpireDueAsync(new ExpireDueRequest { VillageCode = ScoringHost.Village, Actor = "clerk Zhou" }).ResponseAsync);
        var policy = await host.Expiry.GetExpiryPolicyAsync(new GetExpiryPolicyRequest { VillageCode = ScoringHost.Village });
        Assert.Equal(ExpiryRule.None, policy.Rule);
    }

    private async Task<ExpiryPolicy> SetPolicyAsync(ExpiryRule rule, int months = 0, int noticeDays = 0) =>
        await host.Expiry.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Rule = rule, Months = months, NoticeDays = noticeDays, Actor = "clerk Zhou",
        });

    private void MoveTo(DateTime utc)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        Assert.True(utc > now, $"the clock is at {now:O} already");
        host.Clock.Advance(utc - now);
    }

    private async Task<ExpiryJob.Result> RunJobAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpiryJob>().RunAsync(CancellationToken.None);
    }

    private async Task<List<string>> OutboxAsync(string type)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains(type)).Select(m => m.Payload).ToListAsync();
    }
}
