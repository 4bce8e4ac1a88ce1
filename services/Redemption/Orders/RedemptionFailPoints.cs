namespace Platform.Redemption.Orders;

/// <summary>Redemption's fail points (docs/fail-points.md).</summary>
internal static class RedemptionFailPoints
{
    public const string AfterSpend = "redemption-after-spend";

    public const string AfterSpendDescription =
        "Redemption dies after Scoring has spent an order's points and before the order is completed; recovery must settle the order.";
}
