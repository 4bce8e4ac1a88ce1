using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Idempotency;
using Platform.Testing;
using Xunit;
using HoldCaptured = Platform.Contracts.Events.HoldCaptured;
using StoredKind = Platform.Scoring.Ledger.EntryKind;
using StoredStatus = Platform.Scoring.Ledger.HoldStatus;

namespace Platform.ScoringTests;

/// <summary>
/// What every hold store (Scoring's IHoldStore) must do, checked through the real service over
/// gRPC: on SQLite here (<see cref="HoldStoreOnSqliteTests"/>) and on PostgreSQL in
/// tests/Integration.Tests (HoldStoreOnPostgresTests, which links this file). Each test ends by
/// checking the ledger's invariants: a balance is the sum of its entries, the held points are
/// the active holds'.
/// </summary>
public abstract class HoldStoreContract
{
    /// <summary>The service under test.</summary>
    protected abstract RunningApp App { get; }

    /// <summary>The household the tests spend for.</summary>
    protected abstract HouseholdRef Household { get; }

    /// <summary>Another household of the same village.</summary>
    protected abstract HouseholdRef Other { get; }

    /// <summary>Gives <see cref="Household"/> 30 points through the real award workflow.</summary>
    protected abstract Task GiveThirtyAsync();

    private Ledger.LedgerClient Ledger => new(App.Channel);

    private static SpendRequest SpendOf(string id, HouseholdRef household, long points) =>
        new() { SpendId = id, Household = household, Points = points, Actor = "counter 1" };

    private Task<HoldResponse> Spend(string id, HouseholdRef household, long points) =>
        Ledger.SpendAsync(SpendOf(id, household, points)).ResponseAsync;

    private Task<HoldResponse> Cancel(string id, HouseholdRef household) =>
        Ledger.CancelSpendAsync(new CancelSpendRequest { SpendId = id, Household = household, Actor = "recovery", Reason = "order cancelled" }).ResponseAsync;

    private Task<Balance> BalanceAsync() => Ledger.GetBalanceAsync(Household).ResponseAsync;

    [Fact]
    public async Task A_spend_debits_at_once_with_one_capture_entry_one_event_and_a_row_that_a_refund_names()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();

        var spent = await Spend("sp-1", Household, 12);

        Assert.Equal((HoldStatus.Captured, 12L, Household.HouseholdNumber, before.Available - 12), (spent.Status, spent.Points, spent.Household.HouseholdNumber, spent.AvailableAfter));
        Assert.True(spent.EntryId > 0);
        var after = await BalanceAsync();
        Assert.Equal((before.Balance_ - 12, before.Held), (after.Balance_, after.Held));

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
            var row = await db.Holds.AsNoTracking().SingleAsync(h => h.Id == "sp-1");
            Assert.Equal((12L, StoredStatus.Captured, spent.EntryId, 0L), (row.Points, row.Status, row.EntryId ?? 0, row.Refunded));
            Assert.Equal(RequestFingerprint.Of("Spend", SpendOf("sp-1", Household, 12)), row.RequestHash);
            var entry = await db.Entries.AsNoTracking().SingleAsync(e => e.HoldId == "sp-1");
            Assert.Equal((spent.EntryId, -12L, StoredKind.HoldCaptured, "Redeemed at the supermarket", "counter 1"),
                (entry.Id, entry.Points, entry.Kind, entry.Reason, entry.Actor));
            var events = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains(nameof(HoldCaptured)) && m.Payload.Contains("\"sp-1\"")).ToListAsync();
            var evt = JsonSerializer.Deserialize<HoldCaptured>(Assert.Single(events).Payload, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            Assert.Equal(("sp-1", Household.VillageCode, Household.HouseholdNumber, 12L, spent.EntryId),
                (evt.HoldId, evt.VillageCode, evt.HouseholdNumber, evt.Points, evt.EntryId));
        }

        // Returns go through Refund unchanged: the spend id is the hold id.
        var refund = await Ledger.RefundAsync(new RefundRequest { IdempotencyKey = "sp-1-return", HoldId = "sp-1", Points = 5, Actor = "counter 1", Reason = "returned" });
        Assert.Equal((EntryKind.Refund, 5L, "sp-1"), (refund.Kind, refund.Points, refund.HoldId));
        Assert.Equal(before.Balance_ - 7, (await BalanceAsync()).Balance_);
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_spend_sent_again_answers_the_first_and_another_request_under_its_id_is_refused_and_changes_nothing()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();

        var spent = await Spend("sp-2", Household, 10);
        var replay = await Spend("sp-2", Household, 10);
        Assert.Equal((HoldStatus.Captured, spent.EntryId, 10L, before.Available - 10), (replay.Status, replay.EntryId, replay.Points, replay.AvailableAfter));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "SPEND_ID_REUSED", () => Spend("sp-2", Household, 11));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "SPEND_ID_REUSED", () => Spend("sp-2", Other, 10));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED",
            () => Ledger.HoldAsync(new HoldRequest { HoldId = "sp-2", Household = Household, Points = 10, Actor = "counter 1" }).ResponseAsync);
        // A hold is not a spend: a spend under a hold's id is another request.
        await Ledger.HoldAsync(new HoldRequest { HoldId = "sp-2h", Household = Household, Points = 3, Actor = "counter 1" });
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "SPEND_ID_REUSED", () => Spend("sp-2h", Household, 3));
        await Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "sp-2h", Actor = "counter 1" });

        var after = await BalanceAsync();
        Assert.Equal((before.Balance_ - 10, before.Held), (after.Balance_, after.Held));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_spend_the_available_points_do_not_cover_is_refused_with_the_figure_and_changes_nothing()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();

        var refused = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS", () => Spend("sp-3", Household, before.Available + 1));
        Assert.Contains($"{before.Available} points available", refused.Status.Detail);
        var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(before.Available.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Metadata["available"]);

        var after = await BalanceAsync();
        Assert.Equal((before.Balance_, before.Held), (after.Balance_, after.Held));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOLD_NOT_FOUND", () => Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "sp-3" }).ResponseAsync);
        // Nothing was stored under the id: the order can still spend what it can afford.
        Assert.Equal(HoldStatus.Captured, (await Spend("sp-3", Household, before.Available)).Status);
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task Bad_input_is_refused_as_invalid_and_unknown_households_as_not_found_and_nothing_changes()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();

        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "SPEND_ID_INVALID", () => Spend(" ", Household, 1));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "SPEND_ID_INVALID", () => Spend(new string('x', 101), Household, 1));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "POINTS_INVALID", () => Spend("sp-4", Household, 0));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "POINTS_INVALID", () => Spend("sp-4", Household, -5));
        await Assert.ThrowsAsync<RpcException>(() => Ledger.SpendAsync(new SpendRequest { SpendId = "sp-4", Points = 1, Actor = "counter 1" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "SPEND_ID_INVALID", () => Cancel("", Household));
        var unknown = new HouseholdRef { VillageCode = Household.VillageCode, HouseholdNumber = "999" };
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_NOT_FOUND", () => Spend("sp-4", unknown, 1));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_NOT_FOUND", () => Cancel("sp-4", unknown));

        var after = await BalanceAsync();
        Assert.Equal((before.Balance_, before.Held), (after.Balance_, after.Held));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOLD_NOT_FOUND", () => Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "sp-4" }).ResponseAsync);
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_cancel_before_the_spend_fences_the_id_so_the_spend_is_refused_and_nothing_is_spent()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();

        var fenced = await Cancel("sp-5", Household);
        Assert.Equal((HoldStatus.Released, 0L, 0L, 0L, before.Available), (fenced.Status, fenced.Points, fenced.EntryId, fenced.RefundEntryId, fenced.AvailableAfter));
        var again = await Cancel("sp-5", Household);
        Assert.Equal((HoldStatus.Released, 0L), (again.Status, again.Points));

        var refused = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "SPEND_CANCELLED", () => Spend("sp-5", Household, 10));
        Assert.Contains("nothing was spent", refused.Status.Detail);
        var after = await BalanceAsync();
        Assert.Equal((before.Balance_, before.Held), (after.Balance_, after.Held));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_cancel_after_the_spend_refunds_it_exactly_once()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();
        var spent = await Spend("sp-6", Household, 10);

        var cancelled = await Cancel("sp-6", Household);
        Assert.Equal((HoldStatus.Captured, spent.EntryId, before.Available), (cancelled.Status, cancelled.EntryId, cancelled.AvailableAfter));
        Assert.True(cancelled.RefundEntryId > 0);
        var again = await Cancel("sp-6", Household);
        Assert.Equal((cancelled.RefundEntryId, before.Available), (again.RefundEntryId, again.AvailableAfter));
        // A retry of the spend answers the first spend; it does not charge again.
        Assert.Equal(spent.EntryId, (await Spend("sp-6", Household, 10)).EntryId);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "REFUND_EXCEEDS_CAPTURE",
            () => Ledger.RefundAsync(new RefundRequest { IdempotencyKey = "sp-6-return", HoldId = "sp-6", Points = 1, Actor = "counter 1", Reason = "returned" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "SPEND_OF_ANOTHER_HOUSEHOLD", () => Cancel("sp-6", Other));

        Assert.Equal(before.Balance_, (await BalanceAsync()).Balance_);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
            var refund = await db.Entries.AsNoTracking().SingleAsync(e => e.HoldId == "sp-6" && e.Kind == StoredKind.Refund);
            Assert.Equal((cancelled.RefundEntryId, 10L, "cancel:sp-6", "order cancelled"), (refund.Id, refund.Points, refund.RequestId, refund.Reason));
        }

        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_cancel_after_a_partial_return_refunds_only_what_the_return_left()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();
        await Spend("sp-7", Household, 10);
        await Ledger.RefundAsync(new RefundRequest { IdempotencyKey = "sp-7-return", HoldId = "sp-7", Points = 4, Actor = "counter 1", Reason = "returned" });

        var cancelled = await Cancel("sp-7", Household);

        Assert.Equal(before.Available, cancelled.AvailableAfter);
        Assert.Equal(before.Balance_, (await BalanceAsync()).Balance_);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
            Assert.Equal(6L, (await db.Entries.AsNoTracking().SingleAsync(e => e.Id == cancelled.RefundEntryId)).Points);
            Assert.Equal(10L, (await db.Holds.AsNoTracking().SingleAsync(h => h.Id == "sp-7")).Refunded);
        }

        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_cancel_of_an_active_hold_releases_it_and_a_second_cancel_changes_nothing()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();
        await Ledger.HoldAsync(new HoldRequest { HoldId = "sp-8", Household = Household, Points = 7, Actor = "counter 1" });

        var cancelled = await Cancel("sp-8", Household);
        Assert.Equal((HoldStatus.Released, 7L, 0L, before.Available), (cancelled.Status, cancelled.Points, cancelled.RefundEntryId, cancelled.AvailableAfter));
        Assert.Equal((HoldStatus.Released, before.Available), ((await Cancel("sp-8", Household)).Status, (await BalanceAsync()).Available));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_RELEASED",
            () => Ledger.CaptureAsync(new CaptureRequest { HoldId = "sp-8", Actor = "counter 1" }).ResponseAsync);
        var after = await BalanceAsync();
        Assert.Equal((before.Balance_, before.Held), (after.Balance_, after.Held));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_merged_household_cannot_spend_and_an_order_of_it_never_spent_can_still_be_fenced()
    {
        var households = new Households.HouseholdsClient(App.Channel);
        await households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "sp-merge-setup", VillageCode = Household.VillageCode, Actor = "clerk",
            Households =
            {
                new NewHousehold { HouseholdNumber = "701", HeadName = "Head 701", MemberCount = 2 },
                new NewHousehold { HouseholdNumber = "702", HeadName = "Head 702", MemberCount = 2 },
            },
        });
        await households.MergeHouseholdsAsync(new MergeHouseholdsRequest
        {
            IdempotencyKey = "sp-merge", Source = new HouseholdRef { VillageCode = Household.VillageCode, HouseholdNumber = "701" },
            TargetHouseholdNumber = "702", Actor = "clerk", Reason = "the families live together",
        });
        var merged = new HouseholdRef { VillageCode = Household.VillageCode, HouseholdNumber = "701" };

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOUSEHOLD_MERGED", () => Spend("sp-11", merged, 1));
        var fenced = await Cancel("sp-11", merged);
        Assert.Equal((HoldStatus.Released, 0L, "701"), (fenced.Status, fenced.Points, fenced.Household.HouseholdNumber));
        await AssertInvariantsAsync();
    }

    [Fact]
    public async Task Hold_capture_and_release_answer_as_before()
    {
        await GiveThirtyAsync();
        var before = await BalanceAsync();

        var held = await Ledger.HoldAsync(new HoldRequest { HoldId = "sp-9", Household = Household, Points = 12, Actor = "counter 1" });
        Assert.Equal((HoldStatus.Active, before.Available - 12), (held.Status, held.AvailableAfter));
        Assert.Equal(held.ExpiresAt, (await Ledger.HoldAsync(new HoldRequest { HoldId = "sp-9", Household = Household, Points = 12, Actor = "counter 1" })).ExpiresAt);
        var captured = await Ledger.CaptureAsync(new CaptureRequest { HoldId = "sp-9", Actor = "counter 1" });
        Assert.Equal((HoldStatus.Captured, before.Available - 12), (captured.Status, captured.AvailableAfter));
        Assert.Equal(captured.EntryId, (await Ledger.CaptureAsync(new CaptureRequest { HoldId = "sp-9", Actor = "counter 1" })).EntryId);
        Assert.Equal(captured.EntryId, (await Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "sp-9" })).EntryId);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_CAPTURED",
            () => Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "sp-9", Actor = "counter 1" }).ResponseAsync);

        await Ledger.HoldAsync(new HoldRequest { HoldId = "sp-10", Household = Household, Points = 5, Actor = "counter 1" });
        var released = await Ledger.ReleaseAsync(new ReleaseRequest { HoldId = "sp-10", Actor = "counter 1" });
        Assert.Equal((HoldStatus.Released, before.Available - 12), (released.Status, released.AvailableAfter));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOLD_NOT_FOUND",
            () => Ledger.CaptureAsync(new CaptureRequest { HoldId = "sp-none", Actor = "counter 1" }).ResponseAsync);

        var after = await BalanceAsync();
        Assert.Equal((before.Balance_ - 12, before.Held), (after.Balance_, after.Held));
        await AssertInvariantsAsync();
    }

    /// <summary>Every balance is the sum of its entries, every held total the sum of its active holds, nothing below zero but by a deduction.</summary>
    protected async Task AssertInvariantsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var accounts = await db.Accounts.AsNoTracking().ToListAsync();
        var sums = await db.Entries.AsNoTracking().GroupBy(e => e.HouseholdId)
            .Select(g => new { g.Key, Sum = g.Sum(e => e.Points) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        var held = await db.Holds.AsNoTracking().Where(h => h.Status == StoredStatus.Active).GroupBy(h => h.HouseholdId)
            .Select(g => new { g.Key, Sum = g.Sum(h => h.Points) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        foreach (var account in accounts)
        {
            Assert.Equal(sums.GetValueOrDefault(account.HouseholdId), account.Balance);
            Assert.Equal(held.GetValueOrDefault(account.HouseholdId), account.Held);
        }

        var spent = await db.Holds.AsNoTracking().Where(h => h.Status == StoredStatus.Captured)
            .GroupBy(h => h.HouseholdId).Select(g => new { g.Key, Sum = g.Sum(h => h.Points - h.Refunded) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        foreach (var account in accounts)
        {
            Assert.Equal(spent.GetValueOrDefault(account.HouseholdId), account.Captured);
        }
    }
}
