namespace Platform.Dividends.Income;

/// <summary>Where a village collective's income comes from, as the field reports name it.</summary>
internal enum IncomeSource
{
    ColdStoreLease = 1,
    GreenhouseLease = 2,
    ShopLease = 3,
    LandTransferRent = 4,
    Services = 5,
    Operations = 6,
    Subsidy = 7,
    Other = 8,
}
