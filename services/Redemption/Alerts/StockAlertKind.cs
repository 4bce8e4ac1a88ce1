namespace Platform.Redemption.Alerts;

/// <summary>What an alert of a supermarket's stock is about; the numbers are the API's.</summary>
internal enum StockAlertKind
{
    LowStock = 1,
    NearExpiry = 2,
    Expired = 3,
}
