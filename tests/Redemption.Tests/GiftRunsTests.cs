using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Redemption.V1;
using Platform.Redemption.Data;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>
/// Gifts without points through the API on the embedded host: who a run picks, one share per
/// household whatever the keys, the stock taken first-expiring first, and the signing list.
/// </summary>
public sealed class GiftRunsTests : IAsyncLifetime
{
    private const string Clerk = "clerk Zhou Hong";
    private CounterHost host = null!;

    private GiftRuns.GiftRunsClient Gifts => new(host.App.Channel);

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_run_by_rule_picks_the_households_eligible_on_its_day()
    {
        // 001 has the over-70 flag typed (no members recorded); 003's member turns 70 on 2026-06-20; 004 has a child born in 2020.
        await AddMemberAsync("003", "Zhao Laoshan", ScoringApi.MemberRelation.Parent, "1956-06-20");
        await AddMemberAsync("004", "Chen Xiaobao", ScoringApi.MemberRelation.Child, "2020-01-01");
        await Poller.UntilAsync(async () => await CopyAsync(db =>
            db.Households.CountAsync(h => (h.Number == "003" && h.Over70From != null) || (h.Number == "004" && h.YoungestBornOn != null))) == 2,
            "the counters' copy learns the members' birth dates");

        var dayBefore = await Gifts.CreateGiftRunAsync(Run("over70-a", GiftRule.MemberOver70, onDay: "2026-06-19"));
        var birthday = await Gifts.CreateGiftRunAsync(Run("over70-b", GiftRule.MemberOver70, onDay: "2026-06-20"));
        var children = await Gifts.CreateGiftRunAsync(Run("children", GiftRule.ChildUnderAge, onDay: "2026-09-01", childAgeUnder: 12));
        var poor = await Gifts.CreateGiftRunAsync(Run("poor", GiftRule.PovertyRegistered));

        Assert.Equal(["001"], await NumbersAsync(dayBefore.Id));
        Assert.Equal(["001", "003"], await NumbersAsync(birthday.Id));
        Assert.Equal(["004"], await NumbersAsync(children.Id));
        Assert.Equal(["002"], await NumbersAsync(poor.Id));
        Assert.Equal((2, 2L, 8L, 0L), (birthday.Households, birthday.StockNeeded, birthday.StockAvailable, birthday.Shortfall));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "CHILD_AGE_INVALID",
            () => Gifts.CreateGiftRunAsync(Run("children-0", GiftRule.ChildUnderAge)).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "GIFT_RUN_EMPTY",
            () => Gifts.CreateGiftRunAsync(Run("monitored", GiftRule.Monitored)).ResponseAsync);
    }

    [Fact]
    public async Task A_household_is_given_its_share_once_a_retry_has_one_effect_and_no_points_are_spent()
    {
        var run = await Gifts.CreateGiftRunAsync(Run("list", GiftRule.List, quantity: 2, households: ["002", "004", "005"]));
        Assert.Equal((3, 6L), (run.Households, run.StockNeeded));
        var zongzi = (await host.ItemAsync("ZONGZI")).OnHand;

        var first = await Gifts.HandOutGiftAsync(HandOut("give-1", run.Id, "004"));
        var retried = await Gifts.HandOutGiftAsync(HandOut("give-1", run.Id, "004"));
        var again = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "GIFT_ALREADY_RECEIVED",
            () => Gifts.HandOutGiftAsync(HandOut("give-2", run.Id, "004")).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "GIFT_HOUSEHOLD_NOT_ELIGIBLE",
            () => Gifts.HandOutGiftAsync(HandOut("give-3", run.Id, "003")).ResponseAsync);

        Assert.Equal(first, retried);
        Assert.Equal((2L, "004", Clerk), (first.Units, first.Shares.Single().HouseholdNumber, first.Shares.Single().HandedOutBy));
        Assert.All(first.Movements, m => Assert.Equal(MovementKind.Gifted, m.Kind));
        Assert.Equal(-2, first.Movements.Sum(m => m.Quantity));
        Assert.Contains(Clerk, again.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(zongzi - 2, (await host.ItemAsync("ZONGZI")).OnHand);
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("004"));
        var after = await Gifts.GetGiftRunAsync(new GetGiftRunRequest { SupermarketCode = "SM1", RunId = run.Id });
        Assert.Equal((1, 2L, 4L), (after.HouseholdsReceived, after.UnitsHandedOut, after.UnitsRemaining));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task Handing_out_the_rest_takes_the_first_expiring_lots_first_share_by_share()
    {
        // RICE: 10 bought (best before 2026-12-31), then 10 donated (best before 2027-03-01).
        var lots = (await host.Reports.StockOnHandAsync(new StockOnHandRequest { SupermarketCode = "SM1" })).Lines.Single(l => l.Sku == "RICE").Lots;
        var (earlier, later) = (lots.Single(l => l.BestBefore == "2026-12-31").Id, lots.Single(l => l.BestBefore == "2027-03-01").Id);
        var run = await Gifts.CreateGiftRunAsync(Run("rice", GiftRule.List, sku: "RICE", quantity: 4, households: ["001", "002", "003"]));

        var given = await Gifts.HandOutRemainingAsync(new HandOutRemainingRequest
        {
            IdempotencyKey = "rest-1", SupermarketCode = "SM1", RunId = run.Id, DeliveredBy = "cadre Sun Dehai", Actor = Clerk,
        });

        Assert.Equal(["001", "002", "003"], given.Shares.Select(s => s.HouseholdNumber));
        Assert.All(given.Shares, s => Assert.Equal(("cadre Sun Dehai", true), (s.CollectedBy, s.Received)));
        Assert.Equal([(earlier, -4L), (earlier, -4L), (earlier, -2L), (later, -2L)], given.Movements.Select(m => (m.LotId, m.Quantity)));
        Assert.Equal(8, (await host.ItemAsync("RICE")).OnHand);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "GIFT_NOTHING_REMAINING",
            () => Gifts.HandOutRemainingAsync(new HandOutRemainingRequest
            {
                IdempotencyKey = "rest-2", SupermarketCode = "SM1", RunId = run.Id, DeliveredBy = "cadre Sun Dehai", Actor = Clerk,
            }).ResponseAsync);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_run_short_of_stock_is_created_with_its_shortfall_and_hand_outs_stop_when_the_stock_runs_out()
    {
        var run = await Gifts.CreateGiftRunAsync(Run("short", GiftRule.List, quantity: 2, households: ["001", "002", "003", "004", "005"]));
        Assert.Equal((10L, 8L, 2L), (run.StockNeeded, run.StockAvailable, run.Shortfall));

        var all = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "GIFT_STOCK_SHORT",
            () => Gifts.HandOutRemainingAsync(new HandOutRemainingRequest
            {
                IdempotencyKey = "short-all", SupermarketCode = "SM1", RunId = run.Id, DeliveredBy = "cadre Sun Dehai", Actor = Clerk,
            }).ResponseAsync);
        Assert.Equal(("10", "8"), (Meta(all, "needed"), Meta(all, "available")));
        foreach (var number in new[] { "001", "002", "003", "004" })
        {
            await Gifts.HandOutGiftAsync(HandOut($"short-{number}", run.Id, number));
        }

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOT_ENOUGH_STOCK",
            () => Gifts.HandOutGiftAsync(HandOut("short-005", run.Id, "005")).ResponseAsync);
        var after = await Gifts.GetGiftRunAsync(new GetGiftRunRequest { SupermarketCode = "SM1", RunId = run.Id });
        Assert.Equal((4, 8L, 2L, 0L, 2L), (after.HouseholdsReceived, after.UnitsHandedOut, after.UnitsRemaining, after.StockAvailable, after.Shortfall));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task The_signing_list_shows_every_household_by_village_and_number_and_a_closed_run_gives_no_more()
    {
        var run = await Gifts.CreateGiftRunAsync(Run("signing", GiftRule.List, households: ["005", "002", "004"]));
        var collected = HandOut("sign-1", run.Id, "004");
        collected.CollectedBy = "Liu Xiaoyan";
        await Gifts.HandOutGiftAsync(collected);

        var list = await Gifts.GetSigningListAsync(new GetSigningListRequest { SupermarketCode = "SM1", RunId = run.Id });

        Assert.Equal(("Dongshan Love Supermarket", "端午节粽子", "Zongzi"), (list.SupermarketName, list.Run.Title, list.Run.ItemName));
        Assert.Equal(
            [("Dongshan", "002", "Li Jianguo", false, "", ""), ("Dongshan", "004", "Chen Guiying", true, "Liu Xiaoyan", Clerk), ("Dongshan", "005", "Liu Fang", false, "", "")],
            list.Shares.Select(s => (s.VillageName, s.HouseholdNumber, s.HeadName, s.Received, s.CollectedBy, s.HandedOutBy)));
        Assert.Equal(host.Clock.GetUtcNow().UtcDateTime, list.Shares[1].ReceivedAt.ToDateTime());

        var closed = await Gifts.CloseGiftRunAsync(new CloseGiftRunRequest
        {
            IdempotencyKey = "close-1", SupermarketCode = "SM1", RunId = run.Id, Reason = "The festival is over", Actor = Clerk,
        });
        Assert.Equal((GiftRunStatus.Closed, 0L), (closed.Status, closed.UnitsRemaining));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "GIFT_RUN_ENDED",
            () => Gifts.HandOutGiftAsync(HandOut("sign-2", run.Id, "005")).ResponseAsync);
        var unused = await Gifts.CreateGiftRunAsync(Run("unused", GiftRule.List, households: ["002"]));
        var cancelled = await Gifts.CloseGiftRunAsync(new CloseGiftRunRequest
        {
            IdempotencyKey = "close-2", SupermarketCode = "SM1", RunId = unused.Id, Reason = "Created by mistake", Actor = Clerk,
        });
        Assert.Equal(GiftRunStatus.Cancelled, cancelled.Status);
        Assert.Equal([cancelled.Id, closed.Id], (await Gifts.ListGiftRunsAsync(new ListGiftRunsRequest { SupermarketCode = "SM1" })).Runs.Select(r => r.Id));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "GIFT_RUN_NOT_FOUND",
            () => Gifts.GetSigningListAsync(new GetSigningListRequest { SupermarketCode = "SM2", RunId = run.Id }).ResponseAsync);
    }

    [Fact]
    public async Task A_household_merged_after_the_run_was_created_is_refused_and_left_out_of_the_rest()
    {
        var run = await Gifts.CreateGiftRunAsync(Run("merged", GiftRule.List, households: ["002", "006"]));
        await new ScoringApi.Households.HouseholdsClient(host.App.Channel).MergeHouseholdsAsync(new ScoringApi.MergeHouseholdsRequest
        {
            IdempotencyKey = "merge-006", Source = new ScoringApi.HouseholdRef { VillageCode = CounterHost.Village, HouseholdNumber = "006" },
            TargetHouseholdNumber = "005", Actor = Clerk, Reason = "Sun Dehai moved in with his daughter",
        });
        await Poller.UntilAsync(async () => await CopyAsync(db => db.Households.AnyAsync(h => h.Number == "006" && h.Merged)),
            "the counters' copy learns of the merge");

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "GIFT_HOUSEHOLD_MERGED",
            () => Gifts.HandOutGiftAsync(HandOut("merged-1", run.Id, "006")).ResponseAsync);
        var rest = await Gifts.HandOutRemainingAsync(new HandOutRemainingRequest
        {
            IdempotencyKey = "merged-rest", SupermarketCode = "SM1", RunId = run.Id, DeliveredBy = "cadre Sun Dehai", Actor = Clerk,
        });

        Assert.Equal(["002"], rest.Shares.Select(s => s.HouseholdNumber));
        Assert.Equal((1, 1L), (rest.MergedLeftOut, rest.Units));
    }

    [Fact]
    public async Task A_list_naming_a_household_outside_the_supermarkets_villages_or_unknown_is_refused()
    {
        var outside = Run("outside", GiftRule.List, households: ["001"]);
        outside.Households[0].VillageCode = "V2";
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "GIFT_HOUSEHOLD_OUTSIDE", () => Gifts.CreateGiftRunAsync(outside).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "GIFT_HOUSEHOLDS_UNKNOWN",
            () => Gifts.CreateGiftRunAsync(Run("unknown", GiftRule.List, households: ["001", "099"])).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "GIFT_HOUSEHOLDS_INVALID",
            () => Gifts.CreateGiftRunAsync(Run("rule-and-list", GiftRule.PovertyRegistered, households: ["001"])).ResponseAsync);
    }

    private static CreateGiftRunRequest Run(string key, GiftRule rule, string sku = "ZONGZI", long quantity = 1, string onDay = "",
        int childAgeUnder = 0, string[]? households = null) => new()
        {
            IdempotencyKey = key, SupermarketCode = "SM1", Sku = sku, QuantityPerHousehold = quantity, Title = "端午节粽子", Rule = rule,
            OnDay = onDay, ChildAgeUnder = childAgeUnder, Actor = Clerk,
            Households = { (households ?? []).Select(n => new GiftHouseholdRef { HouseholdNumber = n }) },
        };

    private static HandOutGiftRequest HandOut(string key, long run, string household) => new()
    {
        IdempotencyKey = key, SupermarketCode = "SM1", RunId = run, HouseholdNumber = household, Actor = Clerk,
    };

    private static string Meta(RpcException ex, string key) => ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata[key];

    private async Task<List<string>> NumbersAsync(long run) =>
        (await Gifts.GetSigningListAsync(new GetSigningListRequest { SupermarketCode = "SM1", RunId = run })).Shares.Select(s => s.HouseholdNumber).ToList();

    private async Task AddMemberAsync(string household, string name, ScoringApi.MemberRelation relation, string bornOn) =>
        await new ScoringApi.Households.HouseholdsClient(host.App.Channel).AddMemberAsync(new ScoringApi.AddMemberRequest
        {
            IdempotencyKey = $"member-{household}", Actor = Clerk,
            Household = new ScoringApi.HouseholdRef { VillageCode = CounterHost.Village, HouseholdNumber = household },
            Member = new ScoringApi.NewMember { Name = name, Relation = relation, BornOn = bornOn },
        });

    private async Task<T> CopyAsync<T>(Func<RedemptionDb, Task<T>> read)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<RedemptionDb>());
    }
}
