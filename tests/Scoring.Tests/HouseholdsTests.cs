using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

public sealed class HouseholdsTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_batch_with_bad_rows_registers_nothing_and_names_every_bad_row()
    {
        var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "HOUSEHOLDS_INVALID", () => host.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Actor = "clerk Zhou",
            Households =
            {
                new NewHousehold { HouseholdNumber = "101", HeadName = "Ma Lan", MemberCount = 2 },
                new NewHousehold { HouseholdNumber = "001", HeadName = "Already There", MemberCount = 2 },
                new NewHousehold { HouseholdNumber = "102", HeadName = "", MemberCount = 2 },
                new NewHousehold { HouseholdNumber = "101", HeadName = "Twice", MemberCount = 0 },
            },
        }).ResponseAsync);

        var fields = ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Equal(["households[1].household_number", "households[2].head_name", "households[3].household_number", "households[3].member_count"], fields);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_NOT_FOUND",
            () => host.Households.GetHouseholdAsync(ScoringHost.Household("101")).ResponseAsync);
    }

    [Fact]
    public async Task The_same_key_returns_the_first_answer_and_another_request_under_it_is_refused()
    {
        var request = new RegisterHouseholdsRequest
        {
            IdempotencyKey = "sheet-2026-11-new", VillageCode = ScoringHost.Village, Actor = "clerk Zhou",
            Households = { new NewHousehold { HouseholdNumber = "201", HeadName = "Guo Ping", MemberCount = 5, PovertyRegistered = true } },
        };
        var first = await host.Households.RegisterHouseholdsAsync(request);
        var again = await host.Households.RegisterHouseholdsAsync(request);
        Assert.Equal(first, again);

        request.Households[0].HeadName = "Guo Ping and family";
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "IDEMPOTENCY_KEY_REUSED",
            () => host.Households.RegisterHouseholdsAsync(request).ResponseAsync);
        var list = await host.Households.ListHouseholdsAsync(new ListHouseholdsRequest { VillageCode = ScoringHost.Village, PageSize = 100 });
        Assert.Single(list.Households, h => h.HouseholdNumber == "201" && h.PovertyRegistered && h.HeadName == "Guo Ping");
    }

    [Fact]
    public async Task Unknown_villages_households_and_rules_are_not_found_and_malformed_values_invalid()
    {
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND",
            () => host.Ledger.GetBalanceAsync(new HouseholdRef { VillageCode = "V9", HouseholdNumber = "001" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOUSEHOLD_NOT_FOUND",
            () => host.Ledger.GetBalanceAsync(ScoringHost.Household("404")).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "RULE_NOT_FOUND", () => host.ProposeAsync("004", "NO-SUCH-RULE"));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "NOT_A_PANEL_MEMBER", () => host.ProposeAsync("004", "TIDY-HOME", by: "m9"));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "POINTS_INVALID",
            () => host.Ledger.HoldAsync(new HoldRequest { HoldId = "o", Household = ScoringHost.Household("004"), Points = -5, Actor = "c" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "IDEMPOTENCY_KEY_REQUIRED",
            () => host.Awards.ProposeAsync(new ProposeRequest { VillageCode = ScoringHost.Village, HouseholdNumber = "004", RuleCode = "TIDY-HOME", ProposedBy = "m1" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PERIOD_IN_FUTURE", () => host.Awards.ProposeAsync(new ProposeRequest
        {
            IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, HouseholdNumber = "004", RuleCode = "TIDY-HOME", ProposedBy = "m1", Period = "2027-01",
        }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PERIOD_INVALID", () => host.Ledger.GetLeaderboardAsync(new GetLeaderboardRequest
        {
            VillageCode = ScoringHost.Village, Period = "November", List = LeaderboardList.Red,
        }).ResponseAsync);
    }
}
