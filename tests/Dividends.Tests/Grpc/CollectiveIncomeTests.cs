using Google.Rpc;
using Grpc.Core;
using Platform.Contracts.Dividends.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Dividends.Tests.Grpc;

/// <summary>Collective income as lines, drafts made up from them, the funds kept across years, and the year's statement, over gRPC.</summary>
public sealed class CollectiveIncomeTests : IAsyncLifetime
{
    private DividendsApp app = null!;
    private string code = null!;

    public async Task InitializeAsync()
    {
        app = await DividendsApp.StartAsync();
        (code, _) = await WorkedExample.SetUpAsync(app.Cooperatives, app.Members, app.Distributions);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<IncomeLine> IncomeAsync(string key, IncomeSource source, long fen, string to = "2025-12-31", string contract = "") =>
        app.Income.RecordIncomeAsync(new RecordIncomeRequest
        {
            IdempotencyKey = key, CooperativeCode = code, Source = source, ContractNumber = contract, Counterparty = "Sun Guoqiang",
            PeriodFrom = "2025-01-01", PeriodTo = to, AmountFen = fen,
        }).ResponseAsync;

    private Task<IncomeLine> ExpenseAsync(string key, ExpenseKind kind, long fen) =>
        app.Income.RecordExpenseAsync(new RecordExpenseRequest
        {
            IdempotencyKey = key, CooperativeCode = code, Kind = kind, Note = "cold store compressor", PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = fen,
        }).ResponseAsync;

    /// <summary>The worked example's 12,000,000 income and 2,000,000 expenses as lines, with one line corrected on the way.</summary>
    private async Task RecordTheYearAsync()
    {
        await IncomeAsync("cold-store", IncomeSource.ColdStoreLease, 7_000_000, contract: "LZ-2025-01");
        await IncomeAsync("greenhouse", IncomeSource.GreenhouseLease, 3_000_000, contract: "DP-2025-07");
        var wrong = await IncomeAsync("land-rent", IncomeSource.LandTransferRent, 2_500_000, contract: "TD-2023-02");
        await app.Income.ReverseLineAsync(new ReverseLineRequest { IdempotencyKey = "land-rent-reversed", CooperativeCode = code, LineId = wrong.LineId, Reason = "typed 25,000 for 20,000" });
        await IncomeAsync("land-rent-again", IncomeSource.LandTransferRent, 2_000_000, contract: "TD-2023-02");
        await IncomeAsync("next-year-shop", IncomeSource.ShopLease, 900_000, to: "2026-01-31");
        await ExpenseAsync("repair", ExpenseKind.Maintenance, 1_500_000);
        await ExpenseAsync("wages", ExpenseKind.Wages, 500_000);
    }

    private async Task<Distribution> PublishAsync(Distribution draft)
    {
        await BoardSignatures.ApproveAsync(app.Host, code, draft.DistributionId);
        return await app.Distributions.PublishDistributionAsync(new PublishDistributionRequest
        {
            IdempotencyKey = $"publish-{draft.DistributionId}", DistributionId = draft.DistributionId, NoticeDays = 0,
        });
    }

    [Fact]
    public async Task A_draft_from_the_recorded_lines_equals_the_draft_from_the_same_figures_typed_and_says_where_they_came_from()
    {
        await RecordTheYearAsync();

        var fromLines = await app.Distributions.DraftDistributionAsync(new DraftDistributionRequest
        {
            IdempotencyKey = "draft-lines", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", FromIncomeLines = true,
        });
        var typed = await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code));

        Assert.Equal((12_000_000L, 2_000_000L, 10_000_000L), (fromLines.IncomeFen, fromLines.ExpensesFen, fromLines.DistributableFen));
        Assert.Equal((true, 7, false), (fromLines.FromIncomeLines, fromLines.IncomeLineCount, typed.FromIncomeLines));
        Assert.Equal(typed.Allocations, fromLines.Allocations);
    }

    [Fact]
    public async Task A_redraft_from_the_lines_takes_a_correction_recorded_since()
    {
        await RecordTheYearAsync();
        var draft = await app.Distributions.DraftDistributionAsync(new DraftDistributionRequest
        {
            IdempotencyKey = "draft-lines", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", FromIncomeLines = true,
        });
        await ExpenseAsync("late-invoice", ExpenseKind.Operations, 1_000_000);

        var redraft = await app.Distributions.RedraftDistributionAsync(new RedraftDistributionRequest
        {
            IdempotencyKey = "redraft-lines", DistributionId = draft.DistributionId, FromIncomeLines = true,
        });

        Assert.Equal((3_000_000L, 9_000_000L, 8), (redraft.ExpensesFen, redraft.DistributableFen, redraft.IncomeLineCount));
    }

    [Fact]
    public async Task Typed_income_with_the_lines_asked_for_as_well_is_refused_and_nothing_is_drafted()
    {
        var request = WorkedExample.Draft(code);
        request.FromIncomeLines = true;

        var ex = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "INCOME_GIVEN_TWICE",
            () => app.Distributions.DraftDistributionAsync(request).ResponseAsync);

        Assert.Equal("income_fen", ex.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["field"]);
        Assert.Equal(0, await app.DistributionCountAsync());
    }

    [Fact]
    public async Task A_line_is_recorded_once_per_key_and_reversed_at_most_once()
    {
        var first = await IncomeAsync("cold-store", IncomeSource.ColdStoreLease, 7_000_000);
        var again = await IncomeAsync("cold-store", IncomeSource.ColdStoreLease, 7_000_000);
        var reversal = await app.Income.ReverseLineAsync(new ReverseLineRequest { IdempotencyKey = "reverse-1", CooperativeCode = code, LineId = first.LineId, Reason = "wrong contract" });

        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "LINE_ALREADY_REVERSED",
            () => app.Income.ReverseLineAsync(new ReverseLineRequest { IdempotencyKey = "reverse-2", CooperativeCode = code, LineId = first.LineId, Reason = "again" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "LINE_IS_A_REVERSAL",
            () => app.Income.ReverseLineAsync(new ReverseLineRequest { IdempotencyKey = "reverse-3", CooperativeCode = code, LineId = reversal.LineId, Reason = "undo" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "LINE_AMOUNT_INVALID", () => IncomeAsync("negative", IncomeSource.Other, -5));

        var lines = await app.Income.ListLinesAsync(new ListLinesRequest { CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31" });
        Assert.Equal(first, again);
        Assert.Equal([first.LineId, reversal.LineId], lines.Lines.Select(l => l.LineId));
        Assert.Equal((-7_000_000L, first.LineId, 0L), (reversal.AmountFen, reversal.ReversesLineId, lines.IncomeFen));
    }

    [Fact]
    public async Task Published_distributions_add_their_fund_parts_across_years_and_a_spend_never_takes_a_fund_below_zero()
    {
        var y2025 = await PublishAsync(await app.Distributions.DraftDistributionAsync(WorkedExample.Draft(code)));
        var draft2026 = WorkedExample.Draft(code, "draft-2026");
        (draft2026.PeriodFrom, draft2026.PeriodTo) = ("2026-01-01", "2026-12-31");
        var y2026 = await PublishAsync(await app.Distributions.DraftDistributionAsync(draft2026));

        var spent = await app.Income.SpendFromFundAsync(new SpendFromFundRequest
        {
            IdempotencyKey = "elderly", CooperativeCode = code, Fund = Fund.Welfare, AmountFen = 700_000, Purpose = "重阳节慰问 70 岁以上老人", SpentOn = "2026-10-29",
        });
        var ex = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "FUND_INSUFFICIENT",
            () => app.Income.SpendFromFundAsync(new SpendFromFundRequest
            {
                IdempotencyKey = "road", CooperativeCode = code, Fund = Fund.Welfare, AmountFen = 300_001, Purpose = "village road lamps", SpentOn = "2026-11-02",
            }).ResponseAsync);
        var funds = await app.Income.GetFundsAsync(new GetFundsRequest { CooperativeCode = code });

        Assert.Equal((1_000_000L, 500_000L), (y2025.ReserveFen, y2026.WelfareFen));
        Assert.Equal((-700_000L, 300_000L), (spent.AmountFen, spent.BalanceAfterFen));
        Assert.Equal(("300000", "300001"), (ex.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["balance_fen"], ex.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["amount_fen"]));
        Assert.Equal([(Fund.Reserve, 2_000_000L), (Fund.Welfare, 300_000L)], funds.Balances.Select(b => (b.Fund, b.BalanceFen)));
        Assert.Equal([y2025.DistributionId, y2025.DistributionId, y2026.DistributionId, y2026.DistributionId, 0L], funds.Movements.Select(m => m.DistributionId));
        Assert.Equal(funds.Balances.Sum(b => b.BalanceFen), funds.Movements.Sum(m => m.AmountFen));
    }

    [Fact]
    public async Task A_balance_brought_onto_the_platform_is_paid_in_once_per_key_and_can_be_spent_down_to_zero_only()
    {
        var deposit = new DepositToFundRequest
        {
            IdempotencyKey = "opening-welfare", CooperativeCode = code, Fund = Fund.Welfare, AmountFen = 200_000, Purpose = "2024 年末公益金余额转入", DepositedOn = "2025-01-01",
        };

        var first = await app.Income.DepositToFundAsync(deposit);
        var again = await app.Income.DepositToFundAsync(deposit);
        await app.Income.SpendFromFundAsync(new SpendFromFundRequest
        {
            IdempotencyKey = "spend-all", CooperativeCode = code, Fund = Fund.Welfare, AmountFen = 200_000, Purpose = "elderly visits", SpentOn = "2025-10-11",
        });
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "FUND_INSUFFICIENT",
            () => app.Income.SpendFromFundAsync(new SpendFromFundRequest
            {
                IdempotencyKey = "spend-one-more", CooperativeCode = code, Fund = Fund.Welfare, AmountFen = 1, Purpose = "tea", SpentOn = "2025-10-12",
            }).ResponseAsync);

        var funds = await app.Income.GetFundsAsync(new GetFundsRequest { CooperativeCode = code });
        Assert.Equal(first, again);
        Assert.Equal([(Fund.Reserve, 0L), (Fund.Welfare, 0L)], funds.Balances.Select(b => (b.Fund, b.BalanceFen)));
        Assert.Equal([200_000L, -200_000L], funds.Movements.Select(m => m.AmountFen));
    }

    [Fact]
    public async Task The_year_statement_answers_from_the_lines_and_the_years_distribution()
    {
        await RecordTheYearAsync();
        var published = await PublishAsync(await app.Distributions.DraftDistributionAsync(new DraftDistributionRequest
        {
            IdempotencyKey = "draft-lines", CooperativeCode = code, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", FromIncomeLines = true,
        }));

        var statement = await app.Income.GetYearStatementAsync(new GetYearStatementRequest { CooperativeCode = code, Year = 2025 });

        Assert.Equal([(IncomeSource.ColdStoreLease, 7_000_000L), (IncomeSource.GreenhouseLease, 3_000_000L), (IncomeSource.LandTransferRent, 2_000_000L)],
            statement.IncomeBySource.Select(s => (s.Source, s.AmountFen)));
        Assert.Equal([(ExpenseKind.Maintenance, 1_500_000L), (ExpenseKind.Wages, 500_000L)], statement.ExpensesByKind.Select(e => (e.Kind, e.AmountFen)));
        Assert.Equal((12_000_000L, 2_000_000L, 10_000_000L), (statement.IncomeFen, statement.ExpensesFen, statement.NetIncomeFen));
        Assert.Equal((published.DistributionId, true, 10_000_000L, 1_000_000L, 500_000L, 8_500_000L),
            (statement.DistributionId, statement.DistributionFromIncomeLines, statement.DistributableFen, statement.ReserveFen, statement.WelfareFen, statement.ToMembersFen));
    }
}
