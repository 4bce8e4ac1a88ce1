namespace Platform.Redemption.Orders;

/// <summary>Redemption's fail points (docs/fail-points.md).</summary>
internal static class RedemptionFailPoints
{
    public const string AfterHold = "redemption-after-hold";

    public const string AfterHoldDescription =
        "Redemption dies after Scoring has held an order's points and before it captures them; recovery must settle the order.";
}
