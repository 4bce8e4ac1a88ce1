using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>The reports a supermarket committee and the county read.</summary>
public sealed class ReportsTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Donations_are_summed_by_donor_over_the_days_asked_for()
    {
        await host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "rice-2", SupermarketCode = "SM1", Sku = "RICE", Quantity = 4, DonorName = "Anle Grain Co.",
            DonorKind = DonorKind.Company, ValueFen = 20_000, Actor = "clerk Zhou Hong",
        });

        var report = await host.Reports.DonationsAsync(new DonationsRequest { SupermarketCode = "SM1", From = "2026-11-01", To = "2026-11-30" });

        Assert.Equal([("Anle Grain Co.", 2, 14L, 70_000L), ("Ma Lihua", 1, 5L, 10_000L), ("Township office", 1, 8L, 8_000L)],
            report.Donors.Select(d => (d.DonorName, d.Donations, d.Quantity, d.ValueFen)));
        Assert.Equal(88_000, report.TotalValueFen);
        Assert.Empty((await host.Reports.DonationsAsync(new DonationsRequest { SupermarketCode = "SM1", From = "2026-10-01", To = "2026-10-31" })).Donors);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PERIOD_INVALID",
            () => host.Reports.DonationsAsync(new DonationsRequest { SupermarketCode = "SM1", From = "2026-11-30", To = "2026-11-01" }).ResponseAsync);
        var tooLong = await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PERIOD_INVALID",
            () => host.Reports.RedemptionsAsync(new RedemptionsRequest { SupermarketCode = "SM1", From = "2025-01-01", To = "2026-11-30" }).ResponseAsync);
        Assert.Null(HostileInput.MissingField(tooLong));
        Assert.Equal("to", tooLong.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Metadata["field"]);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "DAY_INVALID",
            () => host.Reports.DonationsAsync(new DonationsRequest { SupermarketCode = "SM1", From = "November", To = "2026-11-01" }).ResponseAsync);
    }

    [Fact]
    public async Task Redemptions_add_up_one_way_gross_returned_and_net_by_household_by_sku_and_in_total()
    {
        await host.RedeemAsync("o-1", "004", ("RICE", 2));
        await host.RedeemAsync("o-2", "004", ("ZONGZI", 1));
        await host.RedeemAsync("o-3", "001", ("OIL", 2), ("ZONGZI", 2));
        await host.Counter.ReturnGoodsAsync(new ReturnGoodsRequest
        {
            ReturnId = "r-1", OrderId = "o-3", Reason = "One bottle leaked", Actor = "clerk Zhou Hong", Lines = { new RedeemLine { Sku = "OIL", Quantity = 1 } },
        });

        var report = await host.Reports.RedemptionsAsync(new RedemptionsRequest { SupermarketCode = "SM1", From = "2026-11-01", To = "2026-11-30" });

        Assert.Equal(3, report.Orders);
        Assert.Equal((145L, 20L, 125L), (report.TotalPoints, report.ReturnedPoints, report.NetPoints));
        Assert.Equal([("001", 1, 70L, 20L, 50L), ("004", 2, 75L, 0L, 75L)],
            report.Households.OrderBy(h => h.HouseholdNumber).Select(h => (h.HouseholdNumber, h.Orders, h.Points, h.ReturnedPoints, h.NetPoints)));
        Assert.Equal([("OIL", 2L, 40L, 1L, 20L, 1L, 20L), ("RICE", 2L, 60L, 0L, 0L, 2L, 60L), ("ZONGZI", 3L, 45L, 0L, 0L, 3L, 45L)],
            report.Skus.Select(s => (s.Sku, s.Quantity, s.Points, s.ReturnedQuantity, s.ReturnedPoints, s.NetQuantity, s.NetPoints)));
        foreach (var lines in new[] { report.Households.Select(h => (h.Points, h.ReturnedPoints, h.NetPoints)), report.Skus.Select(s => (s.Points, s.ReturnedPoints, s.NetPoints)) })
        {
            Assert.Equal((report.TotalPoints, report.ReturnedPoints, report.NetPoints),
                (lines.Sum(l => l.Points), lines.Sum(l => l.ReturnedPoints), lines.Sum(l => l.NetPoints)));
        }
    }

    [Fact]
    public async Task The_day_by_counter_and_clerk_counts_orders_on_the_day_taken_and_returns_on_the_day_made()
    {
        await host.RedeemAsync("o-1", "004", ("RICE", 2));
        await host.RedeemAsync("o-2", "001", ("OIL", 2));
        var atC2 = CounterHost.Order("o-3", "003", ("ZONGZI", 2));
        atC2.CounterCode = "C2";
        atC2.Actor = "clerk Qian Li";
        await host.Counter.RedeemAsync(atC2);
        host.Clock.Advance(TimeSpan.FromDays(1));
        await host.Counter.ReturnGoodsAsync(new ReturnGoodsRequest
        {
            ReturnId = "r-1", OrderId = "o-2", Reason = "One bottle leaked", Actor = "clerk Qian Li", Lines = { new RedeemLine { Sku = "OIL", Quantity = 1 } },
        });
        await host.RedeemAsync("o-4", "005", ("ZONGZI", 1));

        var firstDay = await host.Reports.RedemptionsAsync(new RedemptionsRequest { SupermarketCode = "SM1", From = "2026-11-13", To = "2026-11-13", ByCounterAndClerk = true });
        var secondDay = await host.Reports.RedemptionsAsync(new RedemptionsRequest { SupermarketCode = "SM1", From = "2026-11-14", To = "2026-11-14", ByCounterAndClerk = true });

        Assert.Equal([("C1", "clerk Zhou Hong", 2, 100L, 0, 0L), ("C2", "clerk Qian Li", 1, 30L, 0, 0L)],
            firstDay.CounterClerks.Select(l => (l.CounterCode, l.Clerk, l.Orders, l.Points, l.Returns, l.RefundedPoints)));
        Assert.Equal((firstDay.Orders, firstDay.TotalPoints), (firstDay.CounterClerks.Sum(l => l.Orders), firstDay.CounterClerks.Sum(l => l.Points)));
        // The return of a C1 order made by another clerk the next day is that clerk's, on that day.
        Assert.Equal([("C1", "clerk Qian Li", 0, 0L, 1, 20L), ("C1", "clerk Zhou Hong", 1, 15L, 0, 0L)],
            secondDay.CounterClerks.Select(l => (l.CounterCode, l.Clerk, l.Orders, l.Points, l.Returns, l.RefundedPoints)));
        Assert.Empty((await host.Reports.RedemptionsAsync(new RedemptionsRequest { SupermarketCode = "SM1", From = "2026-11-13", To = "2026-11-13" })).CounterClerks);
    }

    [Fact]
    public async Task Coverage_sets_the_points_outstanding_against_the_stock_value_in_points()
    {
        var coverage = await host.Reports.CoverageAsync(new CoverageRequest { SupermarketCode = "SM1" });

        // 5 households × 300 points; stock: 20 rice × 30 + 5 oil × 20 + 8 zongzi × 15 = 820.
        Assert.Equal(1_500, coverage.PointsOutstanding);
        Assert.Equal(820, coverage.StockValuePoints);
        Assert.Equal(5_466, coverage.CoverageBasisPoints);
        Assert.Equal([("V1", 1_500L)], coverage.Villages.Select(v => (v.VillageCode, v.PointsOutstanding)));

        await host.RedeemAsync("o-4", "004", ("RICE", 1));
        var after = await host.Reports.CoverageAsync(new CoverageRequest { SupermarketCode = "SM1" });
        Assert.Equal((1_470L, 790L), (after.PointsOutstanding, after.StockValuePoints));
    }
}
