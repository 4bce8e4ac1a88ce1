using Grpc.Core;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>The donor lists: a thank-you list per donor and the public list of donations, printable with totals in fen.</summary>
public sealed class DonorListsTests : IAsyncLifetime
{
    private const string Clerk = "clerk Zhou Hong";
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_donors_thank_you_list_has_each_donation_the_total_in_fen_and_the_households_its_goods_reached()
    {
        // Zongzi from Anle Grain Co. expire first, so the counter and a gift run hand out these.
        await DonateAsync("anle-zongzi", "ZONGZI", 6, "Anle Grain Co.", 6_000, "2026-11-20");
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "DONATION_VALUE_REQUIRED",
            () => DonateAsync("anle-rice-unvalued", "RICE", 3, "Anle Grain Co.", 0, ""));
        await DonateAsync("other", "ZONGZI", 2, "Qiaoli Youth League", 2_000, "2026-11-25");
        await host.RedeemAsync("order-1", "004", ("ZONGZI", 1));
        var gifts = new GiftRuns.GiftRunsClient(host.App.Channel);
        var run = await gifts.CreateGiftRunAsync(new CreateGiftRunRequest
        {
            IdempotencyKey = "run", SupermarketCode = "SM1", Sku = "ZONGZI", QuantityPerHousehold = 1, Title = "端午节粽子", Rule = GiftRule.List, Actor = Clerk,
            Households = { new GiftHouseholdRef { HouseholdNumber = "002" }, new GiftHouseholdRef { HouseholdNumber = "004" } },
        });
        await gifts.HandOutRemainingAsync(new HandOutRemainingRequest { IdempotencyKey = "rest", SupermarketCode = "SM1", RunId = run.Id, DeliveredBy = "cadre Sun Dehai", Actor = Clerk });

        var list = await host.Reports.DonorThanksAsync(new DonorThanksRequest
        {
            SupermarketCode = "SM1", DonorName = "Anle Grain Co.", From = "2026-11-01", To = "2026-11-30", WithHouseholdsReached = true,
        });

        Assert.Equal(("Dongshan Love Supermarket", "Anle Grain Co."), (list.SupermarketName, list.DonorName));
        Assert.Equal([("2026-11-13", "RICE", "Rice", 10L, 50_000L, false, 0), ("2026-11-13", "ZONGZI", "Zongzi", 6L, 6_000L, false, 2)],
            list.Donations.Select(d => (d.ReceivedOn, d.Sku, d.Goods, d.Quantity, d.ValueFen, d.Unvalued, d.HouseholdsReached)));
        Assert.Equal(list.Donations.Sum(d => d.ValueFen), list.TotalValueFen);
        Assert.Equal((56_000L, 0, 2), (list.TotalValueFen, list.Unvalued, list.HouseholdsReached));
        var without = await host.Reports.DonorThanksAsync(new DonorThanksRequest { SupermarketCode = "SM1", DonorName = "Anle Grain Co.", From = "2026-11-01", To = "2026-11-30" });
        Assert.All(without.Donations, d => Assert.Equal(0, d.HouseholdsReached));
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "DONOR_NAME_REQUIRED",
            () => host.Reports.DonorThanksAsync(new DonorThanksRequest { SupermarketCode = "SM1", From = "2026-11-01", To = "2026-11-30" }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "PERIOD_INVALID",
            () => host.Reports.DonorThanksAsync(new DonorThanksRequest { SupermarketCode = "SM1", DonorName = "Anle Grain Co.", From = "2026-11-30", To = "2026-11-01" }).ResponseAsync);
    }

    [Fact]
    public async Task A_household_that_brought_all_the_goods_back_is_not_counted_as_reached_and_one_that_kept_some_is()
    {
        await DonateAsync("anle-zongzi", "ZONGZI", 6, "Anle Grain Co.", 6_000, "2026-11-20");
        await host.RedeemAsync("order-1", "004", ("ZONGZI", 2));
        await host.RedeemAsync("order-2", "002", ("ZONGZI", 2));
        await host.Counter.ReturnGoodsAsync(new ReturnGoodsRequest
        {
            ReturnId = "return-1", OrderId = "order-1", Reason = "Wrapped in a torn leaf", Actor = Clerk, Lines = { new RedeemLine { Sku = "ZONGZI", Quantity = 2 } },
        });
        await host.Counter.ReturnGoodsAsync(new ReturnGoodsRequest
        {
            ReturnId = "return-2", OrderId = "order-2", Reason = "One too many", Actor = Clerk, Lines = { new RedeemLine { Sku = "ZONGZI", Quantity = 1 } },
        });

        var list = await host.Reports.DonorThanksAsync(new DonorThanksRequest
        {
            SupermarketCode = "SM1", DonorName = "Anle Grain Co.", From = "2026-11-01", To = "2026-11-30", WithHouseholdsReached = true,
        });

        Assert.Equal(1, list.Donations.Single(d => d.Sku == "ZONGZI").HouseholdsReached);
        Assert.Equal(1, list.HouseholdsReached);
    }

    [Fact]
    public async Task The_public_list_has_every_donation_of_the_days_asked_for_in_order_with_the_total_of_its_lines_and_names_no_anonymous_donor()
    {
        // 23:59 on 30 November in China is November's; 00:30 on 1 December is not.
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 15, 59, 0, TimeSpan.Zero));
        await DonateAsync("last-minute", "OIL", 2, "Ma Lihua", 3_000, "", anonymous: true);
        host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero));
        await DonateAsync("next-month", "OIL", 4, "Township office", 6_000, "");

        var november = await host.Reports.PublicDonationsAsync(new PublicDonationsRequest { SupermarketCode = "SM1", From = "2026-11-01", To = "2026-11-30" });
        var december = await host.Reports.PublicDonationsAsync(new PublicDonationsRequest { SupermarketCode = "SM1", From = "2026-12-01", To = "2026-12-01" });

        Assert.Equal(
            [("2026-11-13", "Anle Grain Co.", "Rice", 10L, 50_000L), ("2026-11-13", "Ma Lihua", "Peanut oil", 5L, 10_000L),
             ("2026-11-13", "Township office", "Zongzi", 8L, 8_000L), ("2026-11-30", "爱心人士", "Peanut oil", 2L, 3_000L)],
            november.Donations.Select(d => (d.ReceivedOn, d.DonorName, d.Goods, d.Quantity, d.ValueFen)));
        Assert.Equal((71_000L, 0), (november.TotalValueFen, november.Unvalued));
        Assert.Equal(november.Donations.Sum(d => d.ValueFen), november.TotalValueFen);
        // The thank-you list, which goes to the donor, keeps the name.
        var thanks = await host.Reports.DonorThanksAsync(new DonorThanksRequest { SupermarketCode = "SM1", DonorName = "Ma Lihua", From = "2026-11-30", To = "2026-11-30" });
        Assert.Equal([("Ma Lihua", true, 3_000L)], thanks.Donations.Select(d => (d.DonorName, d.Anonymous, d.ValueFen)));
        Assert.Equal([("2026-12-01", "Township office", 6_000L)], december.Donations.Select(d => (d.ReceivedOn, d.DonorName, d.ValueFen)));
        Assert.Equal(6_000L, december.TotalValueFen);
        Assert.Empty((await host.Reports.PublicDonationsAsync(new PublicDonationsRequest { SupermarketCode = "SM1", From = "2026-10-01", To = "2026-10-31" })).Donations);
    }

    private Task<Lot> DonateAsync(string key, string sku, long quantity, string donor, long valueFen, string bestBefore, bool anonymous = false) =>
        host.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = key, SupermarketCode = "SM1", Sku = sku, Quantity = quantity, DonorName = donor,
            DonorKind = DonorKind.Company, ValueFen = valueFen, BestBefore = bestBefore, Actor = Clerk, Anonymous = anonymous,
        }).ResponseAsync;
}
