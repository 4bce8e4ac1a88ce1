using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Platform.Testing.Matrix;
using Xunit;
using AuditApi = Platform.Contracts.Audit.V1;
using DividendsApi = Platform.Contracts.Dividends.V1;
using RedemptionApi = Platform.Contracts.Redemption.V1;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Host.Tests.Security;

/// <summary>The audit trail of the seeded embedded host (EmbeddedMatrix): its writes, as auditors read them.</summary>
public sealed class AuditTrailTests(EmbeddedMatrix matrix) : IClassFixture<EmbeddedMatrix>
{
    private static readonly string Auditor = TestTokens.Mint(Role.Auditor, subject: "County audit office");

    private MatrixCodes Codes => matrix.Codes;

    [Fact]
    public async Task Every_write_is_recorded_with_its_actor_key_fields_request_id_and_outcome_and_reads_are_not()
    {
        using var panel = matrix.App.ChannelWithToken(TestTokens.Mint(Role.PanelMember, subject: "m3", villages: [Codes.Village]));
        var awards = new ScoringApi.Awards.AwardsClient(panel);
        await awards.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "audit-propose",
            VillageCode = Codes.Village,
            HouseholdNumber = "002",
            RuleCode = "TIDY-HOME",
            ProposedBy = "m3",
        });
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "RULE_NOT_FOUND", async () => await awards.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "audit-propose-2",
            VillageCode = Codes.Village,
            HouseholdNumber = "002",
            RuleCode = "NO-SUCH-RULE",
            ProposedBy = "m3",
        }));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "OUT_OF_SCOPE", async () => await awards.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "audit-propose-3",
            VillageCode = Codes.AwayVillage,
            HouseholdNumber = "001",
            RuleCode = "TIDY-HOME",
            ProposedBy = "m3",
        }));
        await awards.ListProposalsAsync(new ScoringApi.ListProposalsRequest { VillageCode = Codes.Village });

        using var auditor = matrix.App.ChannelWithToken(Auditor);
        var trail = await new ScoringApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { Actor = "m3" });

        Assert.Equal(["OK", "NotFound", "PermissionDenied"], trail.Records.Select(r => r.Outcome));
        Assert.All(trail.Records, r => Assert.Equal("/platform.scoring.v1.Awards/Propose", r.Method));
        Assert.Equal(["audit-propose", "audit-propose-2", "audit-propose-3"], trail.Records.Select(r => r.RequestId));
        Assert.Equal([Codes.Village, Codes.Village, Codes.AwayVillage], trail.Records.Select(r => r.VillageCode));
        Assert.Equal(["", "RULE_NOT_FOUND", "OUT_OF_SCOPE"], trail.Records.Select(r => r.Reason));
        Assert.Contains("household_number=002", trail.Records[0].KeyFields, StringComparison.Ordinal);
        Assert.Contains("rule_code=TIDY-HOME", trail.Records[0].KeyFields, StringComparison.Ordinal);
        Assert.Equal("panel_member", trail.Records[0].Roles);
        Assert.Equal(matrix.Clock.GetUtcNow().UtcDateTime, trail.Records[0].At.ToDateTime());
    }

    [Fact]
    public async Task The_village_office_records_a_paper_approval_for_a_named_member_and_the_trail_shows_the_office_acting_for_that_member()
    {
        using var office = matrix.App.ChannelWithToken(TestTokens.Mint(Role.VillageAdmin, subject: "Office clerk Tang Li", villages: [Codes.Village]));
        var awards = new ScoringApi.Awards.AwardsClient(office);
        var proposal = await awards.ProposeAsync(new ScoringApi.ProposeRequest
        {
            IdempotencyKey = "paper-propose",
            VillageCode = Codes.Village,
            HouseholdNumber = "005",
            RuleCode = "TIDY-HOME",
            ProposedBy = "m1",
        });

        var approved = await awards.ApproveAsync(new ScoringApi.ApproveRequest { IdempotencyKey = "paper-approve", ProposalId = proposal.Id, MemberId = "m3" });

        Assert.Equal(["m3"], approved.ApprovedBy);
        using var auditor = matrix.App.ChannelWithToken(Auditor);
        var record = (await new ScoringApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { Actor = "Office clerk Tang Li" })).Records.Single(r => r.RequestId == "paper-approve");
        Assert.Equal(("/platform.scoring.v1.Awards/Approve", "OK", "village_admin"), (record.Method, record.Outcome, record.Roles));
        Assert.Contains("member_id=m3", record.KeyFields, StringComparison.Ordinal);
        Assert.Equal(Codes.Village, record.VillageCode);
    }

    [Fact]
    public async Task Holds_captured_by_the_service_are_recorded_with_the_household_from_the_answer_and_refusals_by_lookup()
    {
        using var service = matrix.App.ChannelWithToken(TestTokens.Mint(Role.Service, subject: "redemption service (audit test)"));
        var ledger = new ScoringApi.Ledger.LedgerClient(service);
        await ledger.HoldAsync(new ScoringApi.HoldRequest
        {
            HoldId = "AUDIT-HOLD",
            Household = new ScoringApi.HouseholdRef { VillageCode = Codes.Village, HouseholdNumber = "004" },
            Points = 1,
            TtlSeconds = 600,
            Actor = "counter clerk",
        });
        await ledger.CaptureAsync(new ScoringApi.CaptureRequest { HoldId = "AUDIT-HOLD", Actor = "counter clerk" });
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "HOLD_NOT_FOUND",
            async () => await ledger.CaptureAsync(new ScoringApi.CaptureRequest { HoldId = "NO-SUCH-HOLD", Actor = "counter clerk" }));
        var release = await Assert.ThrowsAsync<RpcException>(
            async () => await ledger.ReleaseAsync(new ScoringApi.ReleaseRequest { HoldId = "AUDIT-HOLD", Actor = "counter clerk" }));
        Assert.Equal(StatusCode.FailedPrecondition, release.StatusCode);

        using var auditor = matrix.App.ChannelWithToken(Auditor);
        var trail = (await new ScoringApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { Actor = "redemption service (audit test)" })).Records;

        Assert.Equal(["Hold", "Capture", "Capture", "Release"], trail.Select(r => r.Method[(r.Method.LastIndexOf('/') + 1)..]));
        Assert.Equal(["OK", "OK", "NotFound", "FailedPrecondition"], trail.Select(r => r.Outcome));
        // The capture's household comes from its answer (no lookup for the service role); the
        // refused release, which has no answer, is looked up; an unknown hold is about nothing.
        Assert.Equal([Codes.Village, Codes.Village, "", Codes.Village], trail.Select(r => r.VillageCode));
        Assert.All([trail[0], trail[1], trail[3]], r => Assert.Contains("004", r.Scope, StringComparison.Ordinal));
        Assert.Equal("", trail[2].Scope);
    }

    [Fact]
    public async Task A_panel_member_refused_for_acting_in_another_members_name_is_in_the_villages_trail()
    {
        using var panel = matrix.App.ChannelWithToken(TestTokens.Mint(Role.PanelMember, subject: "refused-m2", villages: [Codes.Village]));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ACTOR_NOT_CALLER", async () => await new ScoringApi.Awards.AwardsClient(panel)
            .ApproveAsync(new ScoringApi.ApproveRequest { IdempotencyKey = "refused-approve", ProposalId = matrix.Seed.ProposalId, MemberId = "m3" }));

        var record = Assert.Single(await ScoringTrailAsync(Codes.Village, "refused-m2"));

        Assert.Equal(("PermissionDenied", "ACTOR_NOT_CALLER"), (record.Outcome, record.Reason));
        Assert.Equal($"village '{Codes.Village}'", record.Scope);
    }

    [Fact]
    public async Task A_role_refused_a_write_is_recorded_with_the_village_supermarket_or_cooperative_the_request_names()
    {
        using var auditor = matrix.App.ChannelWithToken(TestTokens.Mint(Role.Auditor, subject: "refused auditor"));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED", async () =>
            await new ScoringApi.Awards.AwardsClient(auditor).PostDueAsync(new ScoringApi.PostDueRequest { VillageCode = Codes.Village }));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED", async () =>
            await new RedemptionApi.Stock.StockClient(auditor).ReceiveDonationAsync(new RedemptionApi.ReceiveDonationRequest
            {
                IdempotencyKey = "refused-donation",
                SupermarketCode = Codes.Supermarket,
                Sku = "RICE",
                Quantity = 1,
                DonorName = "someone",
                Actor = "refused auditor",
            }));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED", async () =>
            await new DividendsApi.Members.MembersClient(auditor).JoinCooperativeAsync(new DividendsApi.JoinCooperativeRequest
            {
                IdempotencyKey = "refused-join",
                CooperativeCode = Codes.Cooperative,
                VillageCode = Codes.Village,
                HouseholdNumber = "002",
            }));

        var scoring = Assert.Single(await ScoringTrailAsync(Codes.Village, "refused auditor"));
        var redemption = Assert.Single((await new RedemptionApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { VillageCode = Codes.Village, Actor = "refused auditor" })).Records);
        var dividends = Assert.Single((await new DividendsApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { Actor = "refused auditor" })).Records);

        Assert.All([scoring, redemption, dividends], r => Assert.Equal("ROLE_NOT_ALLOWED", r.Reason));
        Assert.Equal($"village '{Codes.Village}'", scoring.Scope);
        Assert.Contains($"supermarket '{Codes.Supermarket}'", redemption.Scope, StringComparison.Ordinal);
        Assert.Equal($"cooperative '{Codes.Cooperative}'", dividends.Scope);
    }

    [Fact]
    public async Task A_clerk_refused_at_another_supermarkets_counter_is_in_the_trail_of_the_households_village()
    {
        using var away = matrix.App.ChannelWithToken(TestTokens.Mint(Role.Clerk, subject: "away clerk", villages: [Codes.AwayVillage], supermarkets: [Codes.AwaySupermarket]));
        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "OUT_OF_SCOPE", async () => await new RedemptionApi.Counter.CounterClient(away).RedeemAsync(
            new RedemptionApi.RedeemRequest
            {
                OrderId = "refused-order",
                CounterCode = Codes.Counter,
                VillageCode = Codes.Village,
                HouseholdNumber = "004",
                Actor = "away clerk",
                Lines = { new RedemptionApi.RedeemLine { Sku = "RICE", Quantity = 1 } },
            }));

        using var auditor = matrix.App.ChannelWithToken(Auditor);
        var record = Assert.Single((await new RedemptionApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { VillageCode = Codes.Village, Actor = "away clerk" })).Records);

        Assert.Equal(("PermissionDenied", "OUT_OF_SCOPE"), (record.Outcome, record.Reason));
        Assert.Equal($"supermarket '{Codes.Supermarket}'", record.Scope);
    }

    [Fact]
    public async Task A_redemption_at_the_counter_is_recorded_with_the_households_village()
    {
        using var auditor = matrix.App.ChannelWithToken(Auditor);
        var redeemed = (await new RedemptionApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { VillageCode = Codes.Village, Method = "Redeem" })).Records;

        var seeded = Assert.Single(redeemed, r => r.KeyFields.Contains($"order_id={matrix.Seed.OrderId}", StringComparison.Ordinal));
        Assert.Equal("OK", seeded.Outcome);
        Assert.Equal(Codes.Village, seeded.VillageCode);
    }

    private async Task<IReadOnlyList<AuditApi.AuditRecord>> ScoringTrailAsync(string village, string actor)
    {
        using var auditor = matrix.App.ChannelWithToken(Auditor);
        return (await new ScoringApi.AuditTrail.AuditTrailClient(auditor).ListAuditRecordsAsync(
            new AuditApi.ListAuditRecordsRequest { VillageCode = village, Actor = actor })).Records;
    }

    [Fact]
    public async Task Auditors_query_by_village_period_and_rpc_in_each_services_own_trail()
    {
        using var auditor = matrix.App.ChannelWithToken(Auditor);
        var scoring = new ScoringApi.AuditTrail.AuditTrailClient(auditor);
        var dividends = new DividendsApi.AuditTrail.AuditTrailClient(auditor);

        // The seed registered V1's households at the start of the fake clock, four days before it posted.
        var registered = await scoring.ListAuditRecordsAsync(new AuditApi.ListAuditRecordsRequest
        {
            VillageCode = Codes.Village,
            Method = "RegisterHouseholds",
            From = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero)),
            To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero)),
        });
        var seeded = Assert.Single(registered.Records, r => r.RequestId == "seed");
        Assert.Equal("test suite", seeded.Actor);
        Assert.Empty((await scoring.ListAuditRecordsAsync(new AuditApi.ListAuditRecordsRequest { VillageCode = Codes.AwayVillage, Method = "RegisterHouseholds" })).Records);

        var payouts = await dividends.ListAuditRecordsAsync(new AuditApi.ListAuditRecordsRequest { Method = "/platform.dividends.v1.Payouts/CreatePayout" });
        Assert.Contains(payouts.Records, r => r.RequestId == matrix.Seed.PayoutId && r.Scope == $"cooperative '{Codes.Cooperative}'");
        Assert.DoesNotContain(payouts.Records, r => r.Method.StartsWith("/platform.scoring.", StringComparison.Ordinal));

        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PAGE_SIZE_INVALID",
            async () => await scoring.ListAuditRecordsAsync(new AuditApi.ListAuditRecordsRequest { PageSize = -1 }));
    }

    [Fact]
    public async Task Paging_returns_every_record_once_in_order()
    {
        using var auditor = matrix.App.ChannelWithToken(Auditor);
        var scoring = new ScoringApi.AuditTrail.AuditTrailClient(auditor);
        var all = (await scoring.ListAuditRecordsAsync(new AuditApi.ListAuditRecordsRequest { PageSize = 500 })).Records.Select(r => r.Id).ToList();
        var paged = new List<long>();
        var token = "";
        do
        {
            var page = await scoring.ListAuditRecordsAsync(new AuditApi.ListAuditRecordsRequest { PageSize = 2, PageToken = token });
            paged.AddRange(page.Records.Select(r => r.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.True(all.Count > 2);
        Assert.Equal(all, paged);
    }
}
