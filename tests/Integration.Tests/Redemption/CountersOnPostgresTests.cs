using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Integration.Tests.Redemption;

/// <summary>Redemption at many counters at once, and a crash between hold and capture, on the real servers.</summary>
public sealed class CountersOnPostgresTests
{
    [Fact]
    public async Task Sixteen_counters_redeeming_for_the_same_twenty_households_never_overspend_points_or_stock()
    {
        const long points = 200;
        const long units = 60;
        await using var deployment = await CounterDeployment.StartAsync(households: 20, points, units);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(string Order, StatusCode Status, string Reason)>();

        await Task.WhenAll(Enumerable.Range(1, 16).Select(async counter =>
        {
            var random = new Random(counter);
            var client = deployment.Counter;
            for (var i = 0; i < 20; i++)
            {
                var order = $"{deployment.Village}-c{counter}-o{i}";
                var skus = CounterDeployment.Items.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
                var request = new RedeemRequest
                {
                    OrderId = order,
                    CounterCode = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(counter)}",
                    HouseholdNumber = deployment.Household(random.Next(1, 21)),
                    Actor = $"clerk {counter}",
                    Lines = { skus.Select(s => new RedeemLine { Sku = s.Sku, Quantity = random.Next(1, 3) }) },
                };
                outcomes.Add(await SettleAsync(client, request));
            }
        }));

        // Every order ended completed or refused; none is left pending.
        Assert.Equal(16 * 20, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Status is StatusCode.OK or StatusCode.FailedPrecondition,
            $"{o.Order}: {o.Status} {o.Reason}\nRedemption's log:\n{Tail(deployment.Redemption.Output)}"));
        Assert.Contains(outcomes, o => o.Status == StatusCode.OK);
        Assert.Contains(outcomes, o => o.Reason is "INSUFFICIENT_POINTS" or "OUT_OF_STOCK");

        // No household below zero available, and Scoring's ledger adds up.
        long available = 0;
        for (var n = 1; n <= 20; n++)
        {
            var balance = await deployment.Ledger.GetBalanceAsync(new ScoringApi.HouseholdRef { VillageCode = deployment.Village, HouseholdNumber = deployment.Household(n) });
            Assert.True(balance.Available >= 0, $"household {n} has {balance.Available} available");
            Assert.Equal(0, balance.Held);
            available += balance.Available;
        }

        var totals = await deployment.Ledger.GetVillageTotalsAsync(new ScoringApi.GetVillageTotalsRequest { VillageCode = deployment.Village });
        Assert.Equal(20 * points, totals.Posted);
        Assert.Equal(totals.Posted - totals.Captured, totals.Balance);
        Assert.Equal(available, totals.Balance);

        // No stock below zero or left reserved, and points spent equal the value of goods consumed, exactly.
        var stock = await deployment.Reports.StockOnHandAsync(new StockOnHandRequest { SupermarketCode = deployment.Supermarket });
        long consumedValue = 0;
        foreach (var line in stock.Lines)
        {
            Assert.InRange(line.OnHand, 0, units);
            Assert.Equal(0, line.Reserved);
            consumedValue += (units - line.OnHand) * line.PricePoints;
        }

        var today = DateTime.UtcNow.AddHours(8).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var redemptions = await deployment.Reports.RedemptionsAsync(new RedemptionsRequest { SupermarketCode = deployment.Supermarket, From = today, To = today });
        Assert.Equal(outcomes.Count(o => o.Status == StatusCode.OK), redemptions.Orders);
        Assert.Equal(totals.Captured, redemptions.TotalPoints);
        Assert.Equal(consumedValue, redemptions.TotalPoints);
    }

    [Fact]
    public async Task Killing_redemption_between_the_spend_and_the_completion_completes_the_order_within_5_s_of_the_restart()
    {
        await using var deployment = await CounterDeployment.StartAsync(households: 2, points: 100, unitsPerItem: 10);
        var port = deployment.Redemption.Address.Port;
        await deployment.ReplaceRedemptionAsync(await deployment.StartRedemptionAsync(crashAfterSpend: true, port: ServiceProcess.FreePort()));
        var doomed = deployment.Redemption;
        var order = new RedeemRequest
        {
            OrderId = $"{deployment.Village}-crash-1",
            CounterCode = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(1)}",
            HouseholdNumber = deployment.Household(1),
            Actor = "clerk Sun Li",
            Lines = { new RedeemLine { Sku = "RICE", Quantity = 2 } },
        };

        var lost = await Assert.ThrowsAsync<RpcException>(() => deployment.Counter.RedeemAsync(order).ResponseAsync);
        Assert.NotEqual(StatusCode.OK, lost.StatusCode);
        await doomed.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(doomed.HasExited, "the fault stops the Redemption process");

        // Scoring spent the points; Redemption's order is pending with the rice reserved.
        var hold = await deployment.Ledger.GetHoldAsync(new ScoringApi.GetHoldRequest { HoldId = order.OrderId });
        Assert.Equal(ScoringApi.HoldStatus.Captured, hold.Status);

        await deployment.ReplaceRedemptionAsync(await deployment.StartRedemptionAsync(port: port));
        var answering = System.Diagnostics.Stopwatch.StartNew();
        Receipt settled = null!;
        await Poller.UntilAsync(async () =>
        {
            settled = await deployment.Counter.GetOrderAsync(new GetOrderRequest { OrderId = order.OrderId });
            return settled.Status != OrderStatus.Pending;
        }, "the restarted process's recovery settles the order within 5 s of answering again", TimeSpan.FromSeconds(5));
        Assert.True(answering.Elapsed < TimeSpan.FromSeconds(5), $"settled after {answering.Elapsed.TotalSeconds:0.0} s");
        // The points were spent before the crash, so the goods go out: the order completes.
        Assert.Equal(OrderStatus.Completed, settled.Status);

        var balance = await deployment.Ledger.GetBalanceAsync(new ScoringApi.HouseholdRef { VillageCode = deployment.Village, HouseholdNumber = deployment.Household(1) });
        var rice = await deployment.Goods.GetItemAsync(new GetItemRequest { SupermarketCode = deployment.Supermarket, Sku = "RICE" });
        hold = await deployment.Ledger.GetHoldAsync(new ScoringApi.GetHoldRequest { HoldId = order.OrderId });
        Assert.Equal(0, balance.Held);
        Assert.Equal(0, rice.Reserved);
        if (settled.Status == OrderStatus.Completed)
        {
            Assert.Equal(ScoringApi.HoldStatus.Captured, hold.Status);
            Assert.Equal((40L, 8L), (balance.Balance_, rice.OnHand));
        }
        else
        {
            Assert.Equal(OrderStatus.Cancelled, settled.Status);
            Assert.NotEqual(ScoringApi.HoldStatus.Captured, hold.Status);
            Assert.Equal((100L, 10L), (balance.Balance_, rice.OnHand));
        }

        // A retry of the order id by the clerk now gets the settled outcome, and charges nothing more.
        if (settled.Status == OrderStatus.Completed)
        {
            Assert.Equal(settled, await deployment.Counter.RedeemAsync(order));
        }

        Assert.Equal(balance, await deployment.Ledger.GetBalanceAsync(new ScoringApi.HouseholdRef { VillageCode = deployment.Village, HouseholdNumber = deployment.Household(1) }));
    }

    private static string Tail(string log) => log.Length > 4000 ? log[^4000..] : log;

    /// <summary>Redeems, retrying the same order id while its outcome is unknown, as a counter would.</summary>
    private static async Task<(string, StatusCode, string)> SettleAsync(Counter.CounterClient client, RedeemRequest request)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await client.RedeemAsync(request);
                return (request.OrderId, StatusCode.OK, string.Empty);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && attempt < 60)
            {
                await Task.Delay(500);
            }
            catch (RpcException ex)
            {
                var reason = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? string.Empty;
                return (request.OrderId, ex.StatusCode, reason);
            }
        }
    }
}
