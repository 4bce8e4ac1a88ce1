namespace Platform.Redemption.Stock;

internal enum LotSource
{
    Donation = 1,
    Purchase = 2,
    Transfer = 3,
    Stocktake = 4,
}
