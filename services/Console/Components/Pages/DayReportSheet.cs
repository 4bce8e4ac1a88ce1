using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.WebConsole.Components.Pages;

/// <summary>The day report's figures: which day "today" is, and the totals of the counter and clerk lines.</summary>
internal static class DayReportSheet
{
    // The services count days in China Standard Time, which has no daylight saving.
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(ChinaOffset).DateTime);

    /// <summary>Points taken less points refunded: what the counter's day comes to.</summary>
    public static long Net(RedemptionApi.CounterClerkLine line) => line.Points - line.RefundedPoints;

    public static RedemptionApi.CounterClerkLine Total(IEnumerable<RedemptionApi.CounterClerkLine> lines)
    {
        var total = new RedemptionApi.CounterClerkLine();
        foreach (var line in lines)
        {
            total.Orders += line.Orders;
            total.Points += line.Points;
            total.Returns += line.Returns;
            total.RefundedPoints += line.RefundedPoints;
        }

        return total;
    }
}
