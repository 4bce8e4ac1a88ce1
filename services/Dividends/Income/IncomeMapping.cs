using Platform.Dividends.Members;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Income;

internal static class IncomeMapping
{
    public static IncomeSource Source(Api.IncomeSource source) =>
        Enum.IsDefined((IncomeSource)(int)source) ? (IncomeSource)(int)source
            : throw DomainException.Invalid("INCOME_SOURCE_INVALID",
                "Choose where the income comes from: a lease of a cold store, greenhouse or shop, land-transfer rent, services, operations, a subsidy or other.",
                "source");

    public static ExpenseKind Expense(Api.ExpenseKind kind) =>
        Enum.IsDefined((ExpenseKind)(int)kind) ? (ExpenseKind)(int)kind
            : throw DomainException.Invalid("EXPENSE_KIND_INVALID",
                "Choose what the expense was for: operations, maintenance, wages, management, taxes, interest or other.", "kind");

    public static Fund Fund(Api.Fund fund) =>
        Enum.IsDefined((Fund)(int)fund) ? (Fund)(int)fund
            : throw DomainException.Invalid("FUND_INVALID", "Choose the fund: the reserve fund (公积金) or the welfare fund (公益金).", "fund");

    public static Api.IncomeLine ToApi(IncomeLine l) => new()
    {
        LineId = l.Id,
        CooperativeCode = l.CooperativeCode,
        Source = l.Source is { } s ? (Api.IncomeSource)(int)s : Api.IncomeSource.Unspecified,
        ExpenseKind = l.Expense is { } e ? (Api.ExpenseKind)(int)e : Api.ExpenseKind.Unspecified,
        ContractNumber = l.ContractNumber,
        Counterparty = l.Counterparty,
        Note = l.Note,
        PeriodFrom = Dates.Text(l.PeriodFrom),
        PeriodTo = Dates.Text(l.PeriodTo),
        AmountFen = l.AmountFen,
        ReversesLineId = l.ReversesLineId ?? 0,
        RecordedAt = StoredTime.Stamp(l.RecordedAt),
    };

    public static Api.FundMovement ToApi(FundMovement m) => new()
    {
        MovementId = m.Id,
        Fund = (Api.Fund)(int)m.Fund,
        AmountFen = m.AmountFen,
        BalanceAfterFen = m.BalanceAfterFen,
        DistributionId = m.DistributionId ?? 0,
        Purpose = m.Purpose,
        OccurredOn = Dates.Text(m.OccurredOn),
        RecordedAt = StoredTime.Stamp(m.RecordedAt),
    };
}
