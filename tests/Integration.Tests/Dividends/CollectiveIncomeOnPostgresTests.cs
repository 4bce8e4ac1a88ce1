using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Dividends.Data;
using Platform.Integration.Tests.Hosting;
using Platform.Testing;
using Xunit;
using Api = Platform.Contracts.Dividends.V1;
using DividendsProgram = Platform.Dividends.Program;

namespace Platform.Integration.Tests.Dividends;

/// <summary>
/// Collective income and the funds on the real PostgreSQL: the funds' conditional updates under
/// concurrent spends, keyed lines under concurrent retries, and a draft summed from the lines.
/// </summary>
public sealed class CollectiveIncomeOnPostgresTests : IAsyncLifetime
{
    private const string Village = "410522101201";
    private readonly string code = "IT-INCOME-" + Random.Shared.Next(100_000, 999_999);
    private string database = null!;
    private RunningApp service = null!;
    private Api.Distributions.DistributionsClient distributions = null!;
    private Api.CollectiveIncome.CollectiveIncomeClient income = null!;

    public async Task InitializeAsync()
    {
        database = await Servers.CreateDatabaseAsync("dividends");
        service = await DistributedServices.StartAsync(args => DividendsProgram.Build(args), "dividends", database);
        distributions = new Api.Distributions.DistributionsClient(service.Channel);
        income = new Api.CollectiveIncome.CollectiveIncomeClient(service.Channel);
        await new Api.Cooperatives.CooperativesClient(service.Channel).RegisterCooperativeAsync(new Api.RegisterCooperativeRequest
        {
            IdempotencyKey = "register", Code = code, Name = "Shangping Cold Store Cooperative", Kind = Api.CooperativeKind.VillageShareholding, VillageCode = Village,
        });
        var members = new Api.Members.MembersClient(service.Channel);
        var member = await members.JoinCooperativeAsync(new Api.JoinCooperativeRequest
        {
            IdempotencyKey = "join", CooperativeCode = code, VillageCode = Village, HouseholdNumber = "H001", HeadName = "Wang Xiulan", JoinedOn = "2024-01-01",
        });
        await members.RecordHoldingAsync(new Api.RecordHoldingRequest
        {
            IdempotencyKey = "holding", CooperativeCode = code, MemberId = member.MemberId, ShareClass = Api.ShareClass.Land, Quantity = 150, EffectiveFrom = "2024-01-01",
        });
        await distributions.SetPolicyAsync(new Api.SetPolicyRequest
        {
            IdempotencyKey = "policy", CooperativeCode = code, ReserveBp = 1_000, WelfareBp = 500,
            ClassWeights = { new Api.ClassWeight { ShareClass = Api.ShareClass.Land, Weight = 1 } },
        });
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }

    private Api.RecordIncomeRequest ColdStore(string key, long fen = 6_000_000) => new()
    {
        IdempotencyKey = key, CooperativeCode = code, Source = Api.IncomeSource.ColdStoreLease, ContractNumber = "LZ-2025-01", Counterparty = "Sun Guoqiang",
        PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = fen,
    };

    /// <summary>A draft of 2025 from the lines, approved and published: its fund parts paid in.</summary>
    private async Task<Api.Distribution> PublishedFromLinesAsync()
    {
        await income.RecordIncomeAsync(ColdStore("cold-store"));
        await income.RecordIncomeAsync(new Api.RecordIncomeRequest
        {
            IdempotencyKey = "rent", CooperativeCode = code, Source = Api.IncomeSource.LandTransferRent, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = 5_000_000,
        });
        await income.RecordExpenseAsync(new Api.RecordExpenseRequest
        {
            IdempotencyKey = "power", CooperativeCode = code, Kind = Api.ExpenseKind.Operations, Note = "electricity for the cold store", PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = 1_000_000,
        });
        var draft = await distributions.DraftDistributionAsync(new Api.DraftDistributionRequest
        {
            IdempotencyKey = "draft", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", FromIncomeLines = true,
        });
        await BoardSignatures.ApproveAsync(service, code, draft.DistributionId);
        return await distributions.PublishDistributionAsync(new Api.PublishDistributionRequest { IdempotencyKey = "publish", DistributionId = draft.DistributionId, NoticeDays = 0 });
    }

    [Fact]
    public async Task A_draft_from_the_lines_sums_them_and_publishing_it_pays_its_fund_parts_in()
    {
        var published = await PublishedFromLinesAsync();

        var funds = await income.GetFundsAsync(new Api.GetFundsRequest { CooperativeCode = code });
        Assert.Equal((11_000_000L, 1_000_000L, 10_000_000L, true), (published.IncomeFen, published.ExpensesFen, published.DistributableFen, published.FromIncomeLines));
        Assert.Equal([1_000_000L, 500_000L], funds.Balances.Select(b => b.BalanceFen));
    }

    [Fact]
    public async Task Eight_spends_at_once_never_take_a_fund_below_zero()
    {
        await PublishedFromLinesAsync();

        // 500,000 in the welfare fund; eight spends of 200,000 at once: two can be paid.
        var calls = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await income.SpendFromFundAsync(new Api.SpendFromFundRequest
                {
                    IdempotencyKey = $"spend-{i}", CooperativeCode = code, Fund = Api.Fund.Welfare, AmountFen = 200_000, Purpose = $"elderly visit {i}", SpentOn = "2026-10-29",
                });
                return "paid";
            }
            catch (RpcException ex) when (ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason == "FUND_INSUFFICIENT")
            {
                return "refused";
            }
        });
        var outcomes = await Task.WhenAll(calls);

        Assert.Equal(2, outcomes.Count(o => o == "paid"));
        var funds = await income.GetFundsAsync(new Api.GetFundsRequest { CooperativeCode = code });
        Assert.Equal(100_000, funds.Balances.Single(b => b.Fund == Api.Fund.Welfare).BalanceFen);
        var welfare = funds.Movements.Where(m => m.Fund == Api.Fund.Welfare).ToList();
        Assert.Equal(100_000, welfare.Sum(m => m.AmountFen));
        Assert.All(welfare, m => Assert.True(m.BalanceAfterFen >= 0));
        Assert.Equal([300_000L, 100_000L], welfare.Where(m => m.AmountFen < 0).Select(m => m.BalanceAfterFen).Order().Reverse());
    }

    [Fact]
    public async Task Twenty_retries_of_one_line_at_once_record_it_once_and_of_eight_reversals_at_once_one_stands()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => income.RecordIncomeAsync(ColdStore("line-once")).ResponseAsync));
        var line = Assert.Single(answers.Select(a => a.LineId).Distinct());

        var reversals = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await income.ReverseLineAsync(new Api.ReverseLineRequest { IdempotencyKey = $"reverse-{i}", CooperativeCode = code, LineId = line, Reason = "wrong contract" });
                return "reversed";
            }
            catch (RpcException ex) when (ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason == "LINE_ALREADY_REVERSED")
            {
                return "refused";
            }
        }));

        Assert.Equal(1, reversals.Count(r => r == "reversed"));
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DividendsDb>();
        var lines = await db.IncomeLines.Where(l => l.CooperativeCode == code).ToListAsync();
        Assert.Equal(2, lines.Count);
        Assert.Equal(0, lines.Sum(l => l.AmountFen));
    }
}
