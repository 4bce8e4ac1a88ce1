using Microsoft.Extensions.Time.Testing;
using Platform.WebConsole.Components.Pages;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.Console.Tests;

public sealed class DayReportTests
{
    [Fact]
    public void Today_is_the_day_in_China_so_a_morning_before_eight_utc_is_already_the_next_day()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 17, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 12, 1), DayReportSheet.Today(clock));
    }

    [Fact]
    public void The_days_total_adds_up_the_counter_and_clerk_lines_and_net_is_points_less_refunds()
    {
        RedemptionApi.CounterClerkLine[] lines =
        [
            new() { CounterCode = "C1", Clerk = "zhouhong", Orders = 2, Points = 100, Returns = 1, RefundedPoints = 20 },
            new() { CounterCode = "C2", Clerk = "qianli", Orders = 1, Points = 30 },
        ];

        var total = DayReportSheet.Total(lines);

        Assert.Equal((3, 130L, 1, 20L), (total.Orders, total.Points, total.Returns, total.RefundedPoints));
        Assert.Equal(110, DayReportSheet.Net(total));
        Assert.Equal(80, DayReportSheet.Net(lines[0]));
    }
}
