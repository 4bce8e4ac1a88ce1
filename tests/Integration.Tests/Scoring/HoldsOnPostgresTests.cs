using System.Text.Json;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Idempotency;
using Platform.Testing;
using Xunit;
using EntryKind = Platform.Scoring.Ledger.EntryKind;
using HoldCaptured = Platform.Contracts.Events.HoldCaptured;
using HoldStatus = Platform.Contracts.Scoring.V1.HoldStatus;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// Holds, captures and releases on PostgreSQL, where each is one SQL statement (PostgresHolds):
/// the same behaviour the SQLite tests check, plus the HoldCaptured outbox row and races on one hold id.
/// </summary>
public sealed class HoldsOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private HouseholdRef Wang => new() { VillageCode = scoring.Village, HouseholdNumber = "001" };

    private HouseholdRef Li => new() { VillageCode = scoring.Village, HouseholdNumber = "002" };

    private Task<HoldResponse> Hold(string id, HouseholdRef household, long points, int ttl = 0) =>
        scoring.Ledger.HoldAsync(Request(id, household, points, ttl)).ResponseAsync;

    private static HoldRequest Request(string id, HouseholdRef household, long points, int ttl = 0) =>
        new() { HoldId = id, Household = household, Points = points, TtlSeconds = ttl, Actor = "counter 1" };

    private Task<HoldResponse> Capture(string id) =>
        scoring.Ledger.CaptureAsync(new CaptureRequest { HoldId = id, Actor = "counter 1" }).ResponseAsync;

    private Task<HoldResponse> Release(string id) =>
        scoring.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = id, Actor = "counter 1" }).ResponseAsync;

    [Fact]
    public async Task A_hold_id_sent_again_with_the_same_request_returns_the_first_hold_and_with_another_request_is_refused_and_changes_nothing()
    {
        await scoring.AwardAsync(30, "fingerprint");
        var wang = await scoring.Ledger.GetBalanceAsync(Wang);
        var li = await scoring.Ledger.GetBalanceAsync(Li);

        var held = await Hold("pg-fp-1", Wang, 12, ttl: 120);
        var replay = await Hold("pg-fp-1", Wang, 12, ttl: 120);
        Assert.Equal((held.HoldId, held.Points, held.ExpiresAt, wang.Available - 12), (replay.HoldId, replay.Points, replay.ExpiresAt, replay.AvailableAfter));

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("pg-fp-1", Wang, 13, ttl: 120));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("pg-fp-1", Li, 12, ttl: 120));
        // The fingerprint covers the whole request: the same points for another lifetime are another request.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("pg-fp-1", Wang, 12, ttl: 60));

        var wangAfter = await scoring.Ledger.GetBalanceAsync(Wang);
        var liAfter = await scoring.Ledger.GetBalanceAsync(Li);
        Assert.Equal((wang.Balance_, wang.Held + 12), (wangAfter.Balance_, wangAfter.Held));
        Assert.Equal((li.Balance_, li.Held), (liAfter.Balance_, liAfter.Held));

        await using var scope = scoring.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var row = await db.Holds.AsNoTracking().SingleAsync(h => h.Id == "pg-fp-1");
        Assert.Equal((12L, Platform.Scoring.Ledger.HoldStatus.Active), (row.Points, row.Status));
        Assert.Equal(RequestFingerprint.Of("Hold", Request("pg-fp-1", Wang, 12, ttl: 120)), row.RequestHash);
        await Release("pg-fp-1");
    }

    [Fact]
    public async Task Hold_capture_and_release_are_idempotent_and_a_capture_writes_one_entry_and_one_event()
    {
        Assert.NotNull(scoring.App.Services.GetService<PostgresHolds>());
        await scoring.AwardAsync(30, "lifecycle");
        var before = await scoring.Ledger.GetBalanceAsync(Wang);

        var held = await Hold("pg-order-1", Wang, 12);
        Assert.Equal((HoldStatus.Active, 12L, "001", before.Available - 12), (held.Status, held.Points, held.Household.HouseholdNumber, held.AvailableAfter));
        var replay = await Hold("pg-order-1", Wang, 12);
        Assert.Equal((HoldStatus.Active, held.ExpiresAt, before.Available - 12), (replay.Status, replay.ExpiresAt, replay.AvailableAfter));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("pg-order-1", Wang, 13));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_ID_REUSED", () => Hold("pg-order-1", Li, 12));
        var refused = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "INSUFFICIENT_POINTS",
            () => Hold("pg-order-2", Wang, before.Available - 12 + 1));
        Assert.Contains($"{before.Available - 12} points available", refused.Status.Detail);

        var captured = await Capture("pg-order-1");
        Assert.Equal((HoldStatus.Captured, before.Available - 12), (captured.Status, captured.AvailableAfter));
        Assert.True(captured.EntryId > 0);
        var again = await Capture("pg-order-1");
        Assert.Equal((HoldStatus.Captured, captured.EntryId), (again.Status, again.EntryId));
        Assert.Equal(HoldStatus.Captured, (await Hold("pg-order-1", Wang, 12)).Status);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_CAPTURED", () => Release("pg-order-1"));

        await Hold("pg-order-3", Wang, 5);
        var released = await Release("pg-order-3");
        Assert.Equal((HoldStatus.Released, before.Available - 12), (released.Status, released.AvailableAfter));
        Assert.Equal(HoldStatus.Released, (await Release("pg-order-3")).Status);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_RELEASED", () => Capture("pg-order-3"));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOLD_NOT_FOUND", () => Capture("pg-no-such-order"));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOLD_NOT_FOUND", () => Release("pg-no-such-order"));

        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal((before.Balance_ - 12, before.Held), (after.Balance_, after.Held));

        await using var scope = scoring.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var entry = await db.Entries.AsNoTracking().SingleAsync(e => e.HoldId == "pg-order-1");
        Assert.Equal((captured.EntryId, -12L, EntryKind.HoldCaptured, "counter 1"), (entry.Id, entry.Points, entry.Kind, entry.Actor));
        var account = await db.Accounts.AsNoTracking().SingleAsync(a => a.HouseholdId == entry.HouseholdId);
        Assert.Equal(await db.Entries.Where(e => e.HouseholdId == account.HouseholdId).SumAsync(e => e.Points), account.Balance);

        var events = await db.OutboxMessages.AsNoTracking().Where(m => m.Type.Contains(nameof(HoldCaptured)) && m.Payload.Contains("pg-order-1")).ToListAsync();
        var row = Assert.Single(events);
        Assert.Equal(typeof(HoldCaptured), Type.GetType(row.Type));
        var evt = JsonSerializer.Deserialize<HoldCaptured>(row.Payload, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Equal((row.EventId, "pg-order-1", scoring.Village, "001", 12L, captured.EntryId),
            (evt.EventId, evt.HoldId, evt.VillageCode, evt.HouseholdNumber, evt.Points, evt.EntryId));
        Assert.Equal(scoring.Clock.GetUtcNow(), evt.OccurredAt);
    }

    [Fact]
    public async Task A_capture_after_expiry_is_refused_and_the_expiry_job_gives_the_points_back()
    {
        await scoring.AwardAsync(20, "expiry");
        var before = await scoring.Ledger.GetBalanceAsync(Wang);
        await Hold("pg-expiring", Wang, 10, ttl: 60);

        scoring.Clock.Advance(TimeSpan.FromSeconds(61));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_EXPIRED", () => Capture("pg-expiring"));
        Assert.Equal(before.Held + 10, (await scoring.Ledger.GetBalanceAsync(Wang)).Held);

        await using (var scope = scoring.App.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<PointsLedger>().ExpireHoldsAsync(CancellationToken.None) >= 1);
        }

        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal((before.Balance_, before.Held, before.Available), (after.Balance_, after.Held, after.Available));
        Assert.Equal(HoldStatus.Expired, (await scoring.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "pg-expiring" })).Status);
        Assert.Equal(HoldStatus.Expired, (await Release("pg-expiring")).Status);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOLD_EXPIRED", () => Capture("pg-expiring"));
        Assert.Equal(before.Held, (await scoring.Ledger.GetBalanceAsync(Wang)).Held);
    }

    [Fact]
    public async Task A_hold_names_a_known_active_household()
    {
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_NOT_FOUND",
            () => Hold("pg-nobody", new HouseholdRef { VillageCode = scoring.Village, HouseholdNumber = "999" }, 1));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND",
            () => Hold("pg-nowhere", new HouseholdRef { VillageCode = "NO-SUCH-VILLAGE", HouseholdNumber = "001" }, 1));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "POINTS_INVALID", () => Hold("pg-zero", Wang, 0));

        await scoring.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "pg-register-003", VillageCode = scoring.Village, Actor = "clerk Sun Li",
            Households = { new NewHousehold { HouseholdNumber = "003", HeadName = "Zhao Min", MemberCount = 2 } },
        });
        await scoring.Households.MergeHouseholdsAsync(new MergeHouseholdsRequest
        {
            IdempotencyKey = "pg-merge-003", Source = new HouseholdRef { VillageCode = scoring.Village, HouseholdNumber = "003" },
            TargetHouseholdNumber = "002", Actor = "clerk Sun Li",
        });
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "HOUSEHOLD_MERGED",
            () => Hold("pg-merged", new HouseholdRef { VillageCode = scoring.Village, HouseholdNumber = "003" }, 1));
    }

    [Fact]
    public async Task Concurrent_calls_on_one_hold_id_reserve_once_and_either_capture_or_release_it_once()
    {
        await scoring.AwardAsync(50, "races");
        var before = await scoring.Ledger.GetBalanceAsync(Wang);

        var holds = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Hold("pg-race", Wang, 7)));
        Assert.All(holds, h => Assert.Equal((HoldStatus.Active, 7L, holds[0].ExpiresAt), (h.Status, h.Points, h.ExpiresAt)));
        Assert.Equal(before.Held + 7, (await scoring.Ledger.GetBalanceAsync(Wang)).Held);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            try
            {
                return (i % 2 == 0 ? await Capture("pg-race") : await Release("pg-race")).Status.ToString();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Reason;
            }
        }));

        var final = await scoring.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "pg-race" });
        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal(before.Held, after.Held);
        if (final.Status == HoldStatus.Captured)
        {
            // Every capture saw it captured; every release was refused because it was spent.
            Assert.All(outcomes.Where((_, i) => i % 2 == 0), o => Assert.Equal(nameof(HoldStatus.Captured), o));
            Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal("HOLD_CAPTURED", o));
            Assert.Equal(before.Balance_ - 7, after.Balance_);
        }
        else
        {
            Assert.Equal(HoldStatus.Released, final.Status);
            Assert.All(outcomes.Where((_, i) => i % 2 == 0), o => Assert.Equal("HOLD_RELEASED", o));
            Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal(nameof(HoldStatus.Released), o));
            Assert.Equal(before.Balance_, after.Balance_);
        }

        await using var scope = scoring.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        Assert.Equal(final.Status == HoldStatus.Captured ? 1 : 0, await db.Entries.CountAsync(e => e.HoldId == "pg-race"));
    }
}
