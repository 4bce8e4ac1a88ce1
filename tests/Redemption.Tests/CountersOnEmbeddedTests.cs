using System.Collections.Concurrent;
using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>
/// The embedded host (SQLite) under sixteen counters at once, with stock and points too small for
/// every order: nothing below zero, every success charged exactly once, every refusal charged
/// nothing (issue 17's correctness on the village office's deployment).
/// </summary>
public sealed class CountersOnEmbeddedTests : IAsyncLifetime
{
    private const long ZongziUnits = 40;
    private static readonly string[] Households = ["004", "005", "006"];
    private CounterHost host = null!;

    public async Task InitializeAsync()
    {
        host = await CounterHost.StartAsync();
        await host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "zongzi-more", SupermarketCode = "SM1", Sku = "ZONGZI", Quantity = ZongziUnits - 8, DonorName = "Township office",
            DonorKind = DonorKind.Official, ValueFen = 32_000, Actor = "clerk Zhou Hong",
        });
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Sixteen_counters_never_overspend_points_or_stock_and_charge_each_success_once()
    {
        var outcomes = new ConcurrentBag<(RedeemRequest Order, StatusCode Status, string Reason, long Points)>();
        await Task.WhenAll(Enumerable.Range(1, 16).Select(counter => Task.Run(async () =>
        {
            var random = new Random(counter);
            for (var i = 0; i < 8; i++)
            {
                var request = CounterHost.Order($"c{counter}-o{i}", Households[random.Next(Households.Length)], ("ZONGZI", random.Next(1, 4)));
                request.CounterCode = counter % 2 == 0 ? "C1" : "C2";
                try
                {
                    var receipt = await host.Counter.RedeemAsync(request);
                    outcomes.Add((request, StatusCode.OK, string.Empty, receipt.PointsSpent));
                    // A retry after a lost answer returns the first receipt and charges nothing more.
                    if (i == 0)
                    {
                        Assert.Equal(receipt, await host.Counter.RedeemAsync(request));
                    }
                }
                catch (RpcException ex)
                {
                    outcomes.Add((request, ex.StatusCode, ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? ex.Status.Detail, 0));
                }
            }
        })));

        Assert.Equal(16 * 8, outcomes.Count);
        Assert.All(outcomes, o => Assert.True(o.Status is StatusCode.OK or StatusCode.FailedPrecondition, $"{o.Order.OrderId}: {o.Status} {o.Reason}"));
        Assert.Contains(outcomes, o => o.Status == StatusCode.OK);
        Assert.Contains(outcomes, o => o.Status == StatusCode.FailedPrecondition);

        // Each household's balance is what it started with less exactly its successful orders.
        foreach (var household in Households)
        {
            var starting = household == "006" ? 0 : CounterHost.StartingPoints;
            var spent = outcomes.Where(o => o.Status == StatusCode.OK && o.Order.HouseholdNumber == household).Sum(o => o.Points);
            var balance = await host.Ledger.GetBalanceAsync(new ScoringApi.HouseholdRef { VillageCode = CounterHost.Village, HouseholdNumber = household });
            Assert.Equal((starting - spent, 0L), (balance.Available, balance.Held));
        }

        // A refused order spent nothing in Scoring.
        foreach (var refused in outcomes.Where(o => o.Status != StatusCode.OK))
        {
            var spend = await Assert.ThrowsAsync<RpcException>(async () => await host.Ledger.GetHoldAsync(new ScoringApi.GetHoldRequest { HoldId = refused.Order.OrderId }));
            Assert.Equal(StatusCode.NotFound, spend.StatusCode);
        }

        // Stock: what went out is exactly what the successes took; nothing below zero or left reserved.
        var zongzi = await host.ItemAsync("ZONGZI");
        var taken = outcomes.Where(o => o.Status == StatusCode.OK).Sum(o => (long)o.Order.Lines.Single().Quantity);
        Assert.Equal((ZongziUnits - taken, 0L), (zongzi.OnHand, zongzi.Reserved));
        Assert.True(zongzi.OnHand >= 0);
        await host.AssertStockInvariantsAsync();
    }
}
