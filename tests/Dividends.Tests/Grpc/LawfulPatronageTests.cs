using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Dividends.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>
/// 农民专业合作社法 第四十四条 over gRPC: a farmers' specialised cooperative returns at least 60% of
/// its distributable surplus by trade unless its recorded statutes say otherwise; a shareholding
/// cooperative distributes by shares.
/// </summary>
public sealed class LawfulPatronageTests : IAsyncLifetime
{
    private const string Code = "COOP-PEAR";
    private DividendsApp app = null!;

    public async Task InitializeAsync()
    {
        app = await DividendsApp.StartAsync();
        await app.Cooperatives.RegisterCooperativeAsync(new RegisterCooperativeRequest
        {
            IdempotencyKey = "register", Code = Code, Name = "Lishu Pear Growers' Cooperative", Kind = CooperativeKind.FarmersSpecialised, VillageCode = "410522101201",
        });
        for (var i = 1; i <= 4; i++)
        {
            var member = await app.Members.JoinCooperativeAsync(new JoinCooperativeRequest
            {
                IdempotencyKey = $"join-{i}", CooperativeCode = Code, VillageCode = "410522101201", HouseholdNumber = $"H{i:000}",
                HeadName = $"Zhao Shulan {i}", JoinedOn = "2024-06-01",
            });
            await app.Members.RecordHoldingAsync(new RecordHoldingRequest
            {
                IdempotencyKey = $"holding-{i}", CooperativeCode = Code, MemberId = member.MemberId,
                ShareClass = i <= 2 ? ShareClass.PovertyReliefPreferred : ShareClass.Population, Quantity = i <= 2 ? 5_000_000 : 1, EffectiveFrom = "2024-06-01",
            });
            await app.Members.RecordPatronageAsync(new RecordPatronageRequest
            {
                IdempotencyKey = $"trade-{i}", CooperativeCode = Code, MemberId = member.MemberId, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = i * 100_000,
            });
        }
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static SetPolicyRequest Policy(string key, int patronageBp, int guaranteeBp = 500) => new()
    {
        IdempotencyKey = key, CooperativeCode = Code, ReserveBp = 1_000, WelfareBp = 500, PreferredGuaranteeBp = guaranteeBp, PatronageBp = patronageBp,
        ClassWeights = { new ClassWeight { ShareClass = ShareClass.Population, Weight = 1 } },
    };

    private static DraftDistributionRequest Draft(string key, long incomeFen = 10_000_000) => new()
    {
        IdempotencyKey = key, CooperativeCode = Code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", IncomeFen = incomeFen,
    };

    private static IDictionary<string, string> Figures(RpcException ex) => ex.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata;

    [Fact]
    public async Task A_policy_returning_less_than_sixty_percent_by_trade_is_refused_with_the_figures_and_not_stored()
    {
        var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PATRONAGE_RATE_TOO_LOW",
            () => app.Distributions.SetPolicyAsync(Policy("policy", 5_999)).ResponseAsync);

        Assert.Equal(("5999", "6000"), (Figures(ex)["patronage_bp"], Figures(ex)["minimum_bp"]));
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "POLICY_NOT_FOUND",
            () => app.Distributions.GetPolicyAsync(new GetPolicyRequest { CooperativeCode = Code }).ResponseAsync);
        var cooperative = await app.Cooperatives.GetCooperativeAsync(new GetCooperativeRequest { Code = Code });
        Assert.Equal(6_000, cooperative.PatronageMinimumBp);
    }

    [Fact]
    public async Task A_draft_whose_guarantees_leave_trade_less_than_sixty_percent_is_refused_with_the_figures()
    {
        await app.Distributions.SetPolicyAsync(Policy("policy", 6_000));

        // Surplus after the funds 8,500,000; guarantees 500,000; trade gets 60% of 8,000,000 = 4,800,000 < 5,100,000.
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "PATRONAGE_PART_TOO_SMALL",
            () => app.Distributions.DraftDistributionAsync(Draft("draft")).ResponseAsync);

        Assert.Equal(("4800000", "5100000", "8500000", "500000"),
            (Figures(ex)["patronage_fen"], Figures(ex)["minimum_fen"], Figures(ex)["surplus_fen"], Figures(ex)["guaranteed_fen"]));
        Assert.Equal(0, await app.DistributionCountAsync());
    }

    [Fact]
    public async Task With_the_statutes_share_recorded_the_same_policy_and_draft_are_accepted_and_the_draft_names_the_share()
    {
        var provision = await app.Cooperatives.RecordStatutesProvisionAsync(new RecordStatutesProvisionRequest
        {
            IdempotencyKey = "statutes", CooperativeCode = Code, PatronageMinimumBp = 5_000,
            Clause = "第三十二条 可分配盈余按成员与本社交易额比例返还的总额不低于可分配盈余的百分之五十", AdoptedOn = "2025-03-15",
        });
        await app.Distributions.SetPolicyAsync(Policy("policy", 5_000));
        await app.Distributions.SetPolicyAsync(Policy("policy-2", 6_000));

        var draft = await app.Distributions.DraftDistributionAsync(Draft("draft"));

        Assert.Equal(5_000, draft.PatronageMinimumBp);
        Assert.Equal(4_800_000, draft.Allocations.Sum(a => a.PatronageFen));
        Assert.True(draft.Allocations.Sum(a => a.PatronageFen) * 2 >= draft.DistributableFen - draft.ReserveFen - draft.WelfareFen);
        var cooperative = await app.Cooperatives.GetCooperativeAsync(new GetCooperativeRequest { Code = Code });
        Assert.Equal((5_000, provision.ProvisionId, "2025-03-15"),
            (cooperative.PatronageMinimumBp, cooperative.StatutesProvision.ProvisionId, cooperative.StatutesProvision.AdoptedOn));
    }

    [Fact]
    public async Task Exactly_sixty_percent_is_rounded_up_to_the_fen_so_an_odd_surplus_is_not_refused()
    {
        await app.Distributions.SetPolicyAsync(new SetPolicyRequest
        {
            IdempotencyKey = "policy", CooperativeCode = Code, PatronageBp = 6_000,
            ClassWeights = { new ClassWeight { ShareClass = ShareClass.Population, Weight = 1 } },
        });

        var draft = await app.Distributions.DraftDistributionAsync(Draft("draft", incomeFen: 10_001));

        // 60% of 10,001 fen is 6,000.6 fen: trade gets 6,001, shares the other 4,000.
        Assert.Equal((6_001L, 4_000L), (draft.Allocations.Sum(a => a.PatronageFen), draft.Allocations.Sum(a => a.SharesFen)));
        Assert.Equal(10_001, draft.AllocatedFen);
    }

    [Fact]
    public async Task A_shareholding_cooperative_has_no_share_to_meet_and_cannot_record_one()
    {
        var (code, _) = await WorkedExample.SetUpAsync(app.Cooperatives, app.Members, app.Distributions);

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "STATUTES_PROVISION_NOT_APPLICABLE",
            () => app.Cooperatives.RecordStatutesProvisionAsync(new RecordStatutesProvisionRequest
            {
                IdempotencyKey = "statutes", CooperativeCode = code, PatronageMinimumBp = 5_000, Clause = "第二十条", AdoptedOn = "2025-03-15",
            }).ResponseAsync);
        var draft = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));

        Assert.Equal((0, 0L), (draft.PatronageMinimumBp, draft.Allocations.Sum(a => a.PatronageFen)));
        Assert.Equal(0, (await app.Cooperatives.GetCooperativeAsync(new GetCooperativeRequest { Code = code })).PatronageMinimumBp);
    }
}
