namespace Platform.Redemption.Orders;

internal enum OrderStatus
{
    Pending = 1,
    Completed = 2,
    Cancelled = 3,
}
