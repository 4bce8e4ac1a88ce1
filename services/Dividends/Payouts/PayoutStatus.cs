namespace Platform.Dividends.Payouts;

public enum PayoutStatus
{
    Pending = 1,
    Paid = 2,
    Failed = 3,
}
