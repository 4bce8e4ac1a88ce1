using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Platform.WebConsole.Components.Pages.Counter;
using static Platform.Console.Tests.CounterSamples;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.Console.Tests;

public sealed class CounterComponentTests : BunitContext
{
    public CounterComponentTests()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
    }

    [Fact]
    public void The_receipt_prints_points_before_spent_and_after_and_the_clerks_name()
    {
        var cut = Render<ReceiptView>(p => p
            .Add(c => c.Receipt, CounterReceiptTests.Receipt(spent: 75, after: 45))
            .Add(c => c.SupermarketName, "青水村爱心超市")
            .Add(c => c.ClerkName, "林晓")
            .Add(c => c.Paper, "58"));

        Assert.Equal("120", cut.Find("[data-testid=points-before]").TextContent);
        Assert.Equal("75", cut.Find("[data-testid=points-spent]").TextContent);
        Assert.Equal("45", cut.Find("[data-testid=points-after]").TextContent);
        Assert.Contains("林晓", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("青水村爱心超市", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("paper-58", cut.Find("article.receipt").ClassName, StringComparison.Ordinal);
        Assert.Equal("爱心超市兑换小票", cut.Find("h1").TextContent);
    }

    [Fact]
    public void An_item_the_household_is_not_eligible_for_shows_why_and_cannot_be_added()
    {
        var oil = Item("OIL", 10, eligibility: RedemptionApi.Eligibility.Over70);
        var rice = Item("RICE", 10);
        var cut = Render<BasketPanel>(p => p
            .Add(c => c.Card, Card(available: 100))
            .Add(c => c.Catalogue, [oil, rice])
            .Add(c => c.Basket, new Basket()));

        var row = cut.Find("tr[data-sku=OIL]");
        Assert.Equal("该户不符合领取条件", row.QuerySelector("[data-obstacle]")!.TextContent);
        Assert.True(row.QuerySelector("button[aria-label='食用油 加一']")!.HasAttribute("disabled"));
        Assert.False(cut.Find("tr[data-sku=RICE] button[aria-label='大米 加一']").HasAttribute("disabled"));
    }

    [Fact]
    public void Adding_up_to_the_available_points_disables_more_and_says_not_enough_points()
    {
        var rice = Item("RICE", 40);
        var basket = new Basket();
        var cut = Render<BasketPanel>(p => p
            .Add(c => c.Card, Card(available: 100))
            .Add(c => c.Catalogue, [rice])
            .Add(c => c.Basket, basket));

        cut.Find("button[aria-label='大米 加一']").Click();
        cut.Find("button[aria-label='大米 加一']").Click();

        Assert.Equal(2, basket.QuantityOf("RICE"));
        Assert.True(cut.Find("button[aria-label='大米 加一']").HasAttribute("disabled"));
        Assert.Equal("积分不足", cut.Find("[data-obstacle]").TextContent);
        Assert.False(cut.Find("button.btn-danger").HasAttribute("disabled"));
    }

    [Fact]
    public void While_an_outcome_is_unknown_the_basket_is_frozen_and_offers_a_retry()
    {
        var rice = Item("RICE", 10);
        var basket = new Basket();
        basket.Add("RICE");
        basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");
        basket.Unknown();

        var cut = Render<BasketPanel>(p => p
            .Add(c => c.Card, Card(available: 100))
            .Add(c => c.Catalogue, [rice])
            .Add(c => c.Basket, basket));

        Assert.True(cut.Find("button[aria-label='大米 加一']").HasAttribute("disabled"));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "重试兑换");
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "兑换");
    }
    [Fact]
    public void A_scanned_card_searches_with_what_was_typed_when_enter_submits_and_the_field_is_cleared_for_the_next()
    {
        var searched = new List<string>();
        var cut = Render<HouseholdSearch>(p => p.Add(c => c.OnSearch, (string typed) => searched.Add(typed)));

        cut.Find("#household-query").Change("QS-017");
        cut.Find("form").Submit();

        Assert.Equal(["QS-017"], searched);
        Assert.Equal(string.Empty, cut.Find("#household-query").GetAttribute("value"));
        Assert.Equal("户号、户主姓名或扫卡", cut.Find("label[for=household-query]").TextContent);
    }

    [Fact]
    public void A_return_needs_a_reason_and_sends_it_with_quantities_kept_to_what_can_come_back()
    {
        var receipt = CounterReceiptTests.Receipt();
        var draft = new ReturnDraft(receipt);
        string? reason = null;
        var cut = Render<ReturnForm>(p => p
            .Add(c => c.Receipt, receipt)
            .Add(c => c.Draft, draft)
            .Add(c => c.OnReturn, (string r) => reason = r));

        cut.Find("#return-SOAP").Change("9");
        var button = cut.FindAll("button").Single(b => b.TextContent.Trim() == "确认退货");
        Assert.True(button.HasAttribute("disabled"));

        cut.Find("#return-reason").Change("包装破损");
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "确认退货").Click();

        Assert.Equal("包装破损", reason);
        Assert.Equal(2, draft.QuantityOf("SOAP"));
        Assert.Contains("将退回 10 分", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("2", cut.Find("#return-SOAP").GetAttribute("value"));
    }
}
