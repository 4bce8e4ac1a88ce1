namespace Platform.Dividends.Payouts;

internal enum PayoutStatus
{
    Pending = 1,
    Paid = 2,
    Failed = 3,
}
