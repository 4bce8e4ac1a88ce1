using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;

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
    public async Task A_capture_whose_answer_was_lost_leaves_the_order_pending_and_recovery_completes_it()
    {
        scoring.LoseCaptureAnswer = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-1", "004", ("RICE", 2)));
        scoring.LoseCaptureAnswer = false;

        var pending = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-1" });
        Assert.Equal(OrderStatus.Pending, pending.Status);
        Assert.Equal(2, (await host.ItemAsync("RICE")).Reserved);
        Assert.Equal(CounterHost.StartingPoints - 60, await host.AvailableAsync("004"));   // Scoring did capture

        // Too young for recovery yet.
        Assert.Equal(0, await host.RecoverAsync(TimeSpan.FromSeconds(10)));
        host.Clock.Advance(TimeSpan.FromSeconds(11));
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
        scoring.LoseCaptureAnswer = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-2", "005", ("ZONGZI", 2)));
        scoring.LoseCaptureAnswer = false;

        var receipt = await host.RedeemAsync("order-2", "005", ("ZONGZI", 2));

        Assert.Equal(OrderStatus.Completed, receipt.Status);
        Assert.Equal(CounterHost.StartingPoints - 30, await host.AvailableAsync("005"));
        Assert.Equal(6, (await host.ItemAsync("ZONGZI")).OnHand);
    }

    [Fact]
    public async Task When_scoring_is_down_the_order_waits_and_is_cancelled_once_its_hold_can_no_longer_exist()
    {
        scoring.Down = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-3", "004", ("RICE", 1)));
        Assert.Equal(1, (await host.ItemAsync("RICE")).Reserved);
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await host.RecoverAsync(TimeSpan.FromSeconds(10)));   // still down: stays pending
        Assert.Equal(OrderStatus.Pending, (await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-3" })).Status);

        scoring.Down = false;
        Assert.Equal(1, await host.RecoverAsync(TimeSpan.FromSeconds(10)));

        var cancelled = await host.Counter.GetOrderAsync(new GetOrderRequest { OrderId = "order-3" });
        Assert.Equal(OrderStatus.Cancelled, cancelled.Status);
        Assert.Contains("never held", cancelled.CancelReason);
        Assert.Equal(0, (await host.ItemAsync("RICE")).Reserved);
        Assert.Equal(CounterHost.StartingPoints, await host.AvailableAsync("004"));
        var card = await host.Counter.LookupHouseholdAsync(new LookupHouseholdRequest { CounterCode = "C1", HouseholdNumber = "004" });
        Assert.Equal(0, card.Limits.Single().Used);
        await host.AssertStockInvariantsAsync();
    }

    [Fact]
    public async Task A_hold_that_expired_before_recovery_cancels_the_order_and_spends_nothing()
    {
        scoring.DropCapture = true;
        await RpcAssert.RefusedAsync(StatusCode.Unavailable, "ORDER_PENDING", () => host.RedeemAsync("order-4", "001", ("OIL", 1)));
        scoring.DropCapture = false;
        Assert.Equal(CounterHost.StartingPoints - 20, await host.AvailableAsync("001"));   // held, not spent

        host.Clock.Advance(TimeSpan.FromSeconds(121));   // past the hold's time-to-live
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
