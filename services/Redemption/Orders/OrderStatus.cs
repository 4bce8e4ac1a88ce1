namespace Platform.Redemption.Orders;

public enum OrderStatus
{
    Pending = 1,
    Completed = 2,
    Cancelled = 3,
}
