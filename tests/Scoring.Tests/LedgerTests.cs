using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

public sealed class LedgerTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private Task<HoldResponse> Hold(string id, string household, long points, int ttl = 0) =>
        host.Ledger.HoldAsync(new HoldRequest { HoldId = id, Household = ScoringHost.Household(household), Points = points, TtlSeconds = ttl, Actor = "counter 1" }).ResponseAsync;

    [Fact]
    public async Task A_deduction_is_recorded_in_full_below_zero_and_then_nothing_can_be_spent()
    {
        await host.AwardAsync("004", "TIDY-HOME");
        await host.AwardAsync("004", "FIGHTING");

        var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
        Assert.Equal(-10, balance.Balance_);
        Assert.Equal(20, balance.LifetimeDeducted);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS", () => Hold("o-1", "004", 1));
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task Hold_capture_and_release_are_idempotent_and_never_spend_twice()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");

        var held = await Hold("order-1", "004", 12);
        Assert.Equal(18, held.AvailableAfter);
        Assert.Equal(held.Status, (await Hold("order-1", "004", 12)).Status);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("order-1", "004", 13));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS", () => Hold("order-2", "004", 19));

        var captured = await host.Ledger.CaptureAsync(new CaptureRequest { HoldId = "order-1", Actor = "counter 1" });
        var again = await host.Ledger.CaptureAsync(new CaptureRequest { HoldId = "order-1", Actor = "counter 1" });
        Assert.Equal(HoldStatus.Captured, again.Status);
        Assert.Equal(captured.EntryId, again.EntryId);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_CAPTURED",
            () => host.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "order-1", Actor = "counter 1" }).ResponseAsync);

        await Hold("order-3", "004", 5);
        var released = await host.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "order-3", Actor = "counter 1" });
        Assert.Equal(HoldStatus.Released, (await host.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "order-3", Actor = "counter 1" })).Status);
        Assert.Equal(18, released.AvailableAfter);

        var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
        Assert.Equal((18L, 0L), (balance.Balance_, balance.Held));
        var entries = (await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004") })).Entries;
        Assert.Single(entries, e => e.Kind == EntryKind.HoldCaptured && e.Points == -12 && e.HoldId == "order-1");
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_hold_id_sent_again_with_the_same_request_returns_the_first_hold_and_with_another_request_is_refused_and_changes_nothing()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        var other = await host.Ledger.GetBalanceAsync(ScoringHost.Household("005"));
        var held = await Hold("order-5", "004", 12, ttl: 120);

        host.Clock.Advance(TimeSpan.FromSeconds(30));
        var replay = await Hold("order-5", "004", 12, ttl: 120);
        Assert.Equal((held.HoldId, held.Points, held.ExpiresAt, held.AvailableAfter), (replay.HoldId, replay.Points, replay.ExpiresAt, replay.AvailableAfter));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("order-5", "004", 13, ttl: 120));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("order-5", "005", 12, ttl: 120));
        // The fingerprint covers the whole request: the same points for another lifetime are another request.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("order-5", "004", 12, ttl: 60));

        var hold = await host.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "order-5" });
        Assert.Equal((HoldStatus.Active, 12L, "004", held.ExpiresAt), (hold.Status, hold.Points, hold.Household.HouseholdNumber, hold.ExpiresAt));
        var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
        Assert.Equal((30L, 12L), (balance.Balance_, balance.Held));
        var untouched = await host.Ledger.GetBalanceAsync(ScoringHost.Household("005"));
        Assert.Equal((other.Balance_, other.Held), (untouched.Balance_, untouched.Held));
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_capture_after_the_hold_expired_is_refused_and_the_expiry_job_gives_the_points_back()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await Hold("order-9", "004", 10, ttl: 60);

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_EXPIRED",
            () => host.Ledger.CaptureAsync(new CaptureRequest { HoldId = "order-9", Actor = "counter 1" }).ResponseAsync);
        Assert.Equal(10, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"))).Held);

        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<Platform.Scoring.Ledger.PointsLedger>().ExpireHoldsAsync(CancellationToken.None));
        }

        var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
        Assert.Equal((30L, 0L, 30L), (balance.Balance_, balance.Held, balance.Available));
        Assert.Equal(HoldStatus.Expired, (await host.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "order-9" })).Status);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task An_entry_is_reversed_once_by_an_entry_that_names_it()
    {
        await host.AwardAsync("004", "DISASTER-DUTY");
        var award = (await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004") })).Entries.Single();

        var reversal = await host.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = host.Key(), EntryId = award.Id, Actor = "m2", Reason = "Recorded for the wrong household" });
        Assert.Equal((EntryKind.Reversal, -15L, award.Id), (reversal.Kind, reversal.Points, reversal.ReversesEntryId));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ENTRY_ALREADY_REVERSED",
            () => host.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = host.Key(), EntryId = award.Id, Actor = "m2", Reason = "again" }).ResponseAsync);
        var statement = await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004") });
        Assert.Equal(0, statement.Balance.Balance_);
        Assert.Equal(reversal.Id, statement.Entries.Single(e => e.Id == award.Id).ReversedByEntryId);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "ENTRY_NOT_FOUND",
            () => host.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = host.Key(), EntryId = 999_999, Actor = "m2", Reason = "x" }).ResponseAsync);
    }

    [Fact]
    public async Task The_statement_is_newest_first_and_paged()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await host.AwardAsync("004", "DISASTER-DUTY");
        await host.AwardAsync("004", "FIGHTING");

        var first = await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004"), PageSize = 2 });
        var second = await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004"), PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(["FIGHTING", "DISASTER-DUTY"], first.Entries.Select(e => e.RuleCode));
        Assert.Equal(["SIMPLE-CEREMONY"], second.Entries.Select(e => e.RuleCode));
        Assert.Equal(string.Empty, second.NextPageToken);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID",
            () => host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004"), PageToken = "abc" }).ResponseAsync);
    }

    [Fact]
    public async Task Split_and_merge_move_points_by_ledger_entries()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS", () => host.Households.SplitHouseholdAsync(new SplitHouseholdRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("004"), PointsToMove = 31, Actor = "clerk Zhou",
            NewHousehold = new NewHousehold { HouseholdNumber = "007", HeadName = "Chen Lei", MemberCount = 2 },
        }).ResponseAsync);

        var split = await host.Households.SplitHouseholdAsync(new SplitHouseholdRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("004"), PointsToMove = 12, Actor = "clerk Zhou",
            NewHousehold = new NewHousehold { HouseholdNumber = "007", HeadName = "Chen Lei", MemberCount = 2 },
        });
        Assert.Equal(12, split.PointsMoved);
        Assert.Equal(18, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"))).Balance_);
        Assert.Equal(12, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("007"))).Balance_);
        await host.AwardAsync("007", "DISASTER-DUTY");

        var merge = await host.Households.MergeHouseholdsAsync(new MergeHouseholdsRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("007"), TargetHouseholdNumber = "006", Actor = "clerk Zhou",
        });
        Assert.Equal((HouseholdStatus.Merged, "006", 27L), (merge.Source.Status, merge.Source.MergedIntoHouseholdNumber, merge.PointsMoved));
        Assert.Equal(27, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("006"))).Balance_);
        Assert.Equal(0, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("007"))).Balance_);
        var moved = (await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("007") })).Entries;
        Assert.Equal([EntryKind.TransferOut, EntryKind.Award, EntryKind.TransferIn], moved.Select(e => e.Kind));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOUSEHOLD_MERGED", () => host.ProposeAsync("007", "TIDY-HOME"));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOUSEHOLD_MERGED", () => host.Ledger.ReverseAsync(new ReverseRequest
        {
            IdempotencyKey = host.Key(), EntryId = moved[1].Id, Actor = "m2", Reason = "a reversal would land on a closed household",
        }).ResponseAsync);
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task Village_and_county_totals_add_up()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await Hold("o-t", "004", 10);
        await host.Ledger.CaptureAsync(new CaptureRequest { HoldId = "o-t", Actor = "counter 1" });

        var village = await host.Ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = ScoringHost.Village });
        var county = await host.Ledger.GetCountyTotalsAsync(new GetCountyTotalsRequest { County = "Anle County" });

        Assert.Equal((6, 20L, 30L, 10L, 30L), (village.Households, village.Balance, village.Posted, village.Captured, village.Awarded));
        Assert.Equal(village.Balance, village.Posted - village.Captured);
        Assert.Equal((1, 20L), (county.Villages, county.Balance));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "COUNTY_NOT_FOUND",
            () => host.Ledger.GetCountyTotalsAsync(new GetCountyTotalsRequest { County = "Nowhere County" }).ResponseAsync);
    }
}
