using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>Orders whose outcome at Scoring is unknown stay pending until recovery settles them, never half done.</summary>
public sealed class RecoveryTests : IAsyncLifetime
{
    private readonly FlakyScoring.Switches scoring = new();
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync(sp =>
        ActivatorUtilities.CreateInstance<FlakyScoring>(sp, scoring));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_spend_whose_answer_was_lost_leaves_the_order_pending_and_the_next_recovery_pass_completes_it()
    {
        scoring.LoseSpendAnswer = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-1", "004", ("RICE", 2)));
        scoring.LoseSpendAnswer = false;

        var pending = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-1" });
        Assert.Equal(OrderStatus.Pending, pending.Status);
        Assert.Equal(2, (await host.ItemAsync("RICE")).Reserved);
        Assert.Equal(CounterHost.StartingPoints - 60, await host.AvailableAsync("004"));   // Scoring did spend

        // The request gave up on it, so no grace period: the next pass settles it.
        Assert.Equal(1, await host.RecoverAsync(TimeSpan.FromSeconds(10)));

        var done = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-1" });
        Assert.Equal(OrderStatus.Completed, done.Status);
        Assert.Equal(60, done.PointsSpent);
        var rice = await host.ItemAsync("RICE");
        Assert.Equal((18L, 0L), (rice.OnHand, rice.Reserved));
        Assert.Equal(CounterHost.StartingPoints - 60, await host.AvailableAsync("004"));
        Assert.Equal(0, await host.RecoverAsync(TimeSpan.Zero));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_retry_by_the_clerk_settles_a_pending_order_without_waiting_for_recovery()
    {
        scoring.LoseSpendAnswer = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-2", "005", ("ZONGZI", 2)));
        scoring.LoseSpendAnswer = false;

        var receipt = await host.RedeemAsync("order-2", "005", ("ZONGZI", 2));

        Assert.Equal(OrderStatus.Completed, receipt.Status);
        Assert.Equal(CounterHost.StartingPoints - 30, await host.AvailableAsync("005"));
        Assert.Equal(6, (await host.ItemAsync("ZONGZI")).OnHand);
    }

    [Fact]
    public async Task When_scoring_is_down_the_order_waits_and_once_scoring_answers_its_id_is_fenced_and_the_order_cancelled()
    {
        scoring.Down = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-3", "004", ("RICE", 1)));
        Assert.Equal(1, (await host.ItemAsync("RICE")).Reserved);
        Assert.Equal(0, await host.RecoverAsync(TimeSpan.FromSeconds(10)));   // still down: stays pending
        Assert.Equal(OrderStatus.Pending, (await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-3" })).Status);

        scoring.Down = false;
        Assert.Equal(1, await host.RecoverAsync(TimeSpan.FromSeconds(10)));

        var cancelled = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-3" });
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Contains("never spent", cancelled.CancelReason);
        Assert.Equal(0, (await host.ItemAsync("RICE")).Reserved);
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("004"));
        var card = await host.Counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = "C1", HouseholdNumber = "004" });
        Assert.Equal(0, card.Limits.Single().Used);

        // A spend of that order id arriving late (a request stuck in the network) is refused: the id is fenced.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "SPEND_CANCELLED", async () => await host.Ledger.SpendAsync(new ScoringApi.SpendRequest
        {
            SpendId = "order-3",
            Household = new ScoringApi.HouseholdRef { VillageCode = CounterHost.Village, HouseholdNumber = "004" },
            Points = 30,
            Actor = "clerk Zhou Hong",
        }));
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("004"));
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_spend_that_never_reached_scoring_cancels_the_order_at_the_next_pass_and_spends_nothing()
    {
        scoring.DropSpend = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-4", "001", ("OIL", 1)));
        scoring.DropSpend = false;
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("001"));

        Assert.Equal(1, await host.RecoverAsync(TimeSpan.FromSeconds(10)));

        var cancelled = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-4" });
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Equal(0, cancelled.PointsSpent);
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("001"));
        var oil = await host.ItemAsync("OIL");
        Assert.Equal((5L, 0L), (oil.OnHand, oil.Reserved));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ORDER_CANCELLED", () => host.RedeemAsync("order-4", "001", ("OIL", 1)));
        await host.AssertStockInvariantsAsync();
    }
}
