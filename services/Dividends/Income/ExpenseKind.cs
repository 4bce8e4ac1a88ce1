namespace Platform.Dividends.Income;

/// <summary>What a collective's expense was for.</summary>
internal enum ExpenseKind
{
    Operations = 1,
    Maintenance = 2,
    Wages = 3,
    Management = 4,
    Taxes = 5,
    Interest = 6,
    Other = 7,
}
