using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.Dividends.Members;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Income;

/// <summary>gRPC face of a cooperative's collective income and expense lines, its year statement and its funds.</summary>
internal sealed class CollectiveIncomeService(DividendsDb db, IdempotentWrites<DividendsDb> writes, TimeProvider time)
    : Api.CollectiveIncome.CollectiveIncomeBase
{
    /// <summary>At most ten billion yuan on one line: beyond any village's accounts, and sums of many lines stay far from overflow.</summary>
    private const long MaxLineFen = 1_000_000_000_000;

    public override Task<Api.IncomeLine> RecordIncome(Api.RecordIncomeRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordIncome), request, ct => RecordIncomeAsync(request, ct), context.CancellationToken);

    public override Task<Api.IncomeLine> RecordExpense(Api.RecordExpenseRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordExpense), request, ct => RecordExpenseAsync(request, ct), context.CancellationToken);

    public override Task<Api.IncomeLine> ReverseLine(Api.ReverseLineRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ReverseLine), request, ct => ReverseAsync(request, ct), context.CancellationToken);

    public override Task<Api.FundMovement> DepositToFund(Api.DepositToFundRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(DepositToFund), request, ct => DepositAsync(request, ct), context.CancellationToken);

    public override Task<Api.FundMovement> SpendFromFund(Api.SpendFromFundRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SpendFromFund), request, ct => SpendAsync(request, ct), context.CancellationToken);

    private async Task<Api.IncomeLine> RecordIncomeAsync(Api.RecordIncomeRequest r, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, r.CooperativeCode, ct);
        var (from, to) = Period(r.PeriodFrom, r.PeriodTo);
        return await AddAsync(new IncomeLine
        {
            CooperativeCode = cooperative,
            Source = IncomeMapping.Source(r.Source),
            ContractNumber = string.IsNullOrWhiteSpace(r.ContractNumber) ? string.Empty : Input.Text(r.ContractNumber, "contract_number", "contract number", 64),
            Counterparty = string.IsNullOrWhiteSpace(r.Counterparty) ? string.Empty : Input.Text(r.Counterparty, "counterparty", "counterparty's name", 100),
            Note = string.IsNullOrWhiteSpace(r.Note) ? string.Empty : Input.Text(r.Note, "note", "note", 200),
            PeriodFrom = from,
            PeriodTo = to,
            AmountFen = Amount(r.AmountFen),
            RecordedAt = time.GetUtcNow().UtcDateTime,
        }, ct);
    }

    private async Task<Api.IncomeLine> RecordExpenseAsync(Api.RecordExpenseRequest r, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, r.CooperativeCode, ct);
        var (from, to) = Period(r.PeriodFrom, r.PeriodTo);
        return await AddAsync(new IncomeLine
        {
            CooperativeCode = cooperative,
            Expense = IncomeMapping.Expense(r.Kind),
            Counterparty = string.IsNullOrWhiteSpace(r.Counterparty) ? string.Empty : Input.Text(r.Counterparty, "counterparty", "counterparty's name", 100),
            Note = Input.Text(r.Note, "note", "note saying what the expense was", 200),
            PeriodFrom = from,
            PeriodTo = to,
            AmountFen = Amount(r.AmountFen),
            RecordedAt = time.GetUtcNow().UtcDateTime,
        }, ct);
    }

    private async Task<Api.IncomeLine> ReverseAsync(Api.ReverseLineRequest r, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, r.CooperativeCode, ct);
        var reason = Input.Text(r.Reason, "reason", "reason for reversing the line", 200);
        var original = await db.IncomeLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == r.LineId && l.CooperativeCode == cooperative, ct)
            ?? throw DomainException.NotFound("INCOME_LINE_NOT_FOUND", $"Cooperative {cooperative} has no income or expense line {r.LineId}.",
                ("line_id", r.LineId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (original.ReversesLineId is not null)
        {
            throw DomainException.Precondition("LINE_IS_A_REVERSAL",
                $"Line {original.Id} reverses line {original.ReversesLineId}; record the right line again instead of reversing the reversal.",
                ("line_id", original.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        try
        {
            return await AddAsync(new IncomeLine
            {
                CooperativeCode = cooperative,
                Source = original.Source,
                Expense = original.Expense,
                ContractNumber = original.ContractNumber,
                Counterparty = original.Counterparty,
                Note = reason,
                PeriodFrom = original.PeriodFrom,
                PeriodTo = original.PeriodTo,
                AmountFen = -original.AmountFen,
                ReversesLineId = original.Id,
                RecordedAt = time.GetUtcNow().UtcDateTime,
            }, ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The unique index on reverses_line_id decides between two reversals at once.
            throw DomainException.Precondition("LINE_ALREADY_REVERSED", $"Line {original.Id} is already reversed.",
                ("line_id", original.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    public override async Task<Api.ListLinesResponse> ListLines(Api.ListLinesRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var (from, to) = Period(request.PeriodFrom, request.PeriodTo);
        var lines = await IncomeTotals.Of(db, cooperative, from, to).OrderBy(l => l.Id).ToListAsync(ct);
        return new Api.ListLinesResponse
        {
            Lines = { lines.Select(IncomeMapping.ToApi) },
            IncomeFen = lines.Where(l => l.IsIncome).Sum(l => l.AmountFen),
            ExpensesFen = lines.Where(l => !l.IsIncome).Sum(l => l.AmountFen),
        };
    }

    public override async Task<Api.YearStatement> GetYearStatement(Api.GetYearStatementRequest request, ServerCallContext context)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, context.CancellationToken);
        if (request.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("YEAR_INVALID", "Give the year as four digits, e.g. 2025.", "year");
        }

        return await YearStatementBuilder.BuildAsync(db, cooperative, request.Year, context.CancellationToken);
    }

    public override async Task<Api.Funds> GetFunds(Api.GetFundsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, request.CooperativeCode, ct);
        var balances = await db.FundBalances.AsNoTracking().Where(b => b.CooperativeCode == cooperative).ToListAsync(ct);
        var movements = await db.FundMovements.AsNoTracking().Where(m => m.CooperativeCode == cooperative).OrderBy(m => m.Id).ToListAsync(ct);
        return new Api.Funds
        {
            CooperativeCode = cooperative,
            Balances =
            {
                Enum.GetValues<Fund>().Select(f => new Api.FundBalance
                {
                    Fund = (Api.Fund)(int)f,
                    BalanceFen = balances.FirstOrDefault(b => b.Fund == f)?.BalanceFen ?? 0,
                }),
            },
            Movements = { movements.Select(IncomeMapping.ToApi) },
        };
    }

    private async Task<Api.FundMovement> SpendAsync(Api.SpendFromFundRequest r, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, r.CooperativeCode, ct);
        var fund = IncomeMapping.Fund(r.Fund);
        if (r.AmountFen is <= 0 or > MaxLineFen)
        {
            throw DomainException.Invalid("SPEND_AMOUNT_INVALID", "The amount to spend must be more than 0 fen and at most ten billion yuan.", "amount_fen");
        }

        var purpose = Input.Text(r.Purpose, "purpose", "purpose the money was spent on", 200);
        var spentOn = Dates.Required(r.SpentOn, "spent_on", "day the money was spent");
        var movement = await FundLedger.SpendAsync(db, cooperative, fund, r.AmountFen, purpose, spentOn, time.GetUtcNow().UtcDateTime, ct);
        return IncomeMapping.ToApi(movement);
    }

    private async Task<Api.FundMovement> DepositAsync(Api.DepositToFundRequest r, CancellationToken ct)
    {
        var cooperative = await CooperativeRules.KnownCooperativeAsync(db, r.CooperativeCode, ct);
        var fund = IncomeMapping.Fund(r.Fund);
        if (r.AmountFen is <= 0 or > MaxLineFen)
        {
            throw DomainException.Invalid("DEPOSIT_AMOUNT_INVALID", "The amount paid into the fund must be more than 0 fen and at most ten billion yuan.", "amount_fen");
        }

        var purpose = Input.Text(r.Purpose, "purpose", "reason the money is paid into the fund", 200);
        var on = Dates.Required(r.DepositedOn, "deposited_on", "day the money was paid into the fund");
        var movement = await FundLedger.DepositAsync(db, cooperative, fund, r.AmountFen, purpose, on, time.GetUtcNow().UtcDateTime, null, ct);
        await db.SaveChangesAsync(ct);
        return IncomeMapping.ToApi(movement);
    }

    private async Task<Api.IncomeLine> AddAsync(IncomeLine line, CancellationToken ct)
    {
        db.IncomeLines.Add(line);
        await db.SaveChangesAsync(ct);
        return IncomeMapping.ToApi(line);
    }

    private static (DateOnly From, DateOnly To) Period(string from, string to)
    {
        var first = Dates.Required(from, "period_from", "first day the amount covers");
        var last = Dates.Required(to, "period_to", "last day the amount covers");
        return last >= first ? (first, last)
            : throw DomainException.Invalid("PERIOD_INVALID", "The period must end on or after the day it starts.", "period_to");
    }

    private static long Amount(long fen) => fen is > 0 and <= MaxLineFen
        ? fen
        : throw DomainException.Invalid("LINE_AMOUNT_INVALID",
            "The amount must be more than 0 fen and at most ten billion yuan; correct a line by reversing it (ReverseLine).", "amount_fen");
}
