using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.ServiceDefaults.Security;
using Platform.Testing;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>A household sees its own redemptions, and only its own (issue 18, part 4).</summary>
public sealed class HouseholdOrdersTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_household_lists_its_own_orders_newest_first_page_by_page()
    {
        await host.RedeemAsync("ORD-1", "001", ("RICE", 1));
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.RedeemAsync("ORD-2", "002", ("RICE", 1));
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        await host.RedeemAsync("ORD-3", "001", ("ZONGZI", 2));
        var orders = Client("001");

        var first = await orders.ListHouseholdOrdersAsync(new ListHouseholdOrdersRequest { VillageCode = CounterHost.Village, HouseholdNumber = "001", PageSize = 1 });
        Assert.Equal("ORD-3", first.Orders.Single().OrderId);
        Assert.Equal(30, first.Orders[0].PointsSpent);
        Assert.Equal(2, first.Orders[0].Lines.Single().Quantity);
        var second = await orders.ListHouseholdOrdersAsync(new ListHouseholdOrdersRequest
        {
            VillageCode = CounterHost.Village, HouseholdNumber = "001", PageSize = 1, PageToken = first.NextPageToken,
        });
        Assert.Equal("ORD-1", second.Orders.Single().OrderId);
        Assert.Equal(OrderStatus.Completed, second.Orders[0].Status);
        Assert.Equal(string.Empty, second.NextPageToken);
    }

    [Fact]
    public async Task A_household_is_denied_another_households_orders_and_bad_tokens_are_refused()
    {
        await host.RedeemAsync("ORD-1", "002", ("RICE", 1));

        await RpcAssert.RefusedAsync(StatusCode.PermissionDenied, "OUT_OF_SCOPE", () => Client("001").ListHouseholdOrdersAsync(
            new ListHouseholdOrdersRequest { VillageCode = CounterHost.Village, HouseholdNumber = "002" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PAGE_TOKEN_INVALID", () => Client("002").ListHouseholdOrdersAsync(
            new ListHouseholdOrdersRequest { VillageCode = CounterHost.Village, HouseholdNumber = "002", PageToken = "nonsense" }).ResponseAsync);
        Assert.Equal("ORD-1", (await Client("002").ListHouseholdOrdersAsync(
            new ListHouseholdOrdersRequest { VillageCode = CounterHost.Village, HouseholdNumber = "002" })).Orders.Single().OrderId);
    }

    private HouseholdOrders.HouseholdOrdersClient Client(string household) =>
        new(host.App.ChannelWithToken(TestTokens.Mint(Role.Household, household: new HouseholdScope(CounterHost.Village, household))));
}
