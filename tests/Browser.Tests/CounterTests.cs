using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Platform.Browser.Tests;

[Collection(ConsoleSiteCollection.Name)]
public sealed class CounterTests(ConsoleSite site)
{
    [Fact]
    public async Task A_clerk_finds_a_household_by_part_of_the_heads_name_redeems_two_items_prints_the_receipt_and_sees_the_balance_drop()
    {
        var page = await Clerks.AtCounterAsync(site, "clerk.wu", "吴小梅");

        await Clerks.FindAsync(page, "建国");
        await Assertions.Expect(Clerks.Household(page, "李建国")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("available-points")).ToHaveTextAsync("300");
        await Clerks.AddAsync(page, "大米");
        await Clerks.AddAsync(page, "肥皂", 2);
        await ConsoleSite.ScreenshotAsync(page, "counter");
        await Clerks.RedeemButton(page).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counter/receipt/"));
        var receipt = page.Locator(".receipt").First;
        await Assertions.Expect(receipt).ToContainTextAsync("李建国");
        await Assertions.Expect(receipt).ToContainTextAsync("大米");
        await Assertions.Expect(receipt).ToContainTextAsync("肥皂");
        await Assertions.Expect(receipt).ToContainTextAsync("吴小梅");
        await Assertions.Expect(receipt).ToContainTextAsync("青山村爱心超市");
        var orderId = page.Url[(page.Url.LastIndexOf('/') + 1)..].Split('?')[0];
        await Assertions.Expect(receipt).ToContainTextAsync(Uri.UnescapeDataString(orderId));
        await Assertions.Expect(receipt).ToContainTextAsync("300");
        await Assertions.Expect(receipt).ToContainTextAsync("260");
        await ConsoleSite.ScreenshotAsync(page, "receipt");

        // The printed view: the receipt alone, without the menu and the buttons.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(receipt).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "柜台兑换" })).ToBeHiddenAsync();
        await ConsoleSite.ScreenshotAsync(page, "receipt-printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        Assert.Equal(260, await site.AvailableAsync("002"));
        // The console called with a token of the signed-in clerk: the audit trail names her.
        var audit = await new Platform.Contracts.Redemption.V1.AuditTrail.AuditTrailClient(site.Services.Channel)
            .ListAuditRecordsAsync(new Platform.Contracts.Audit.V1.ListAuditRecordsRequest { Method = "Redeem", Actor = "clerk.wu" });
        Assert.Contains(audit.Records, r => r.KeyFields.Contains("order_id=" + Uri.UnescapeDataString(orderId), StringComparison.Ordinal) && r.Outcome == "OK" && r.Roles.Contains("clerk", StringComparison.Ordinal));
        await page.GotoAsync("/counter");
        await Clerks.FindAsync(page, "002");
        await Assertions.Expect(Clerks.Household(page, "李建国")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("available-points")).ToHaveTextAsync("260");
    }

    [Fact]
    public async Task What_a_household_cannot_take_is_shown_before_the_clerk_tries()
    {
        var page = await Clerks.AtCounterAsync(site, "clerk.zheng", "郑丽");

        await Clerks.FindAsync(page, "huanglihua");
        await Assertions.Expect(Clerks.Household(page, "黄丽华")).ToBeVisibleAsync();

        var rice = page.Locator("tr[data-sku=RICE]");
        await Assertions.Expect(rice).ToContainTextAsync("积分不足");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "大米 加一", Exact = true })).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator("tr[data-sku=OIL]")).ToContainTextAsync("不符合");
        await Assertions.Expect(Clerks.RedeemButton(page)).ToBeDisabledAsync();
    }

    [Fact]
    public async Task Over_the_monthly_limit_the_refusal_is_shown_in_Chinese_and_charges_nothing()
    {
        var page = await Clerks.AtCounterAsync(site, "clerk.qian", "钱伟");
        await Clerks.FindAsync(page, "赵敏");
        await Assertions.Expect(Clerks.Household(page, "赵敏")).ToBeVisibleAsync();
        await Clerks.AddAsync(page, "大米", 2);

        // Meanwhile the household takes its month's two bags of rice at the other counter.
        await RedeemElsewhereAsync("003", "RICE", 2);
        var before = await site.AvailableAsync("003");
        var riceBefore = (await site.ItemAsync("RICE")).OnHand;

        await Clerks.RedeemButton(page).ClickAsync();

        await AssertRefusedInChineseAsync(page, "LIMIT");
        await ConsoleSite.ScreenshotAsync(page, "counter-refusal");
        Assert.Equal(before, await site.AvailableAsync("003"));
        Assert.Equal(riceBefore, (await site.ItemAsync("RICE")).OnHand);
    }

    [Fact]
    public async Task Without_enough_points_the_refusal_is_shown_in_Chinese_and_charges_nothing()
    {
        var page = await Clerks.AtCounterAsync(site, "clerk.sun", "孙磊");
        await Clerks.FindAsync(page, "杨志强");
        await Assertions.Expect(Clerks.Household(page, "杨志强")).ToBeVisibleAsync();
        await Clerks.AddAsync(page, "大米");

        // Meanwhile another counter holds 290 of the household's 300 points.
        await new Platform.Contracts.Scoring.V1.Ledger.LedgerClient(site.Services.Channel).HoldAsync(new Platform.Contracts.Scoring.V1.HoldRequest
        {
            HoldId = "elsewhere-" + Guid.NewGuid().ToString("N"), Points = 290, TtlSeconds = 3600, Actor = "setup",
            Household = new Platform.Contracts.Scoring.V1.HouseholdRef { VillageCode = ConsoleSite.Village, HouseholdNumber = "007" },
        });

        await Clerks.RedeemButton(page).ClickAsync();

        await AssertRefusedInChineseAsync(page, "POINTS");
        Assert.Equal(10, await site.AvailableAsync("007"));
    }

    [Fact]
    public async Task Two_counters_redeeming_the_last_unit_at_once_give_it_to_exactly_one()
    {
        var first = await Clerks.AtCounterAsync(site, "clerk.feng", "冯强", "C1");
        var second = await Clerks.AtCounterAsync(site, "clerk.chu", "褚红", "C2");
        await Clerks.FindAsync(first, "004");
        await Clerks.FindAsync(second, "005");
        await Assertions.Expect(Clerks.Household(first, "陈桂英")).ToBeVisibleAsync();
        await Assertions.Expect(Clerks.Household(second, "刘芳")).ToBeVisibleAsync();
        await Clerks.AddAsync(first, "毛巾");
        await Clerks.AddAsync(second, "毛巾");

        await Task.WhenAll(Clerks.RedeemButton(first).ClickAsync(), Clerks.RedeemButton(second).ClickAsync());

        var outcomes = await Task.WhenAll(OutcomeAsync(first), OutcomeAsync(second));
        Assert.Equal(1, outcomes.Count(o => o == "receipt"));
        Assert.Equal(1, outcomes.Count(o => o == "refused"));
        Assert.Equal(0, (await site.ItemAsync("LAST")).OnHand);
        Assert.Equal(590, await site.AvailableAsync("004") + await site.AvailableAsync("005"));
    }

    [Fact]
    public async Task The_counter_fits_a_tablet_and_a_laptop_screen()
    {
        foreach (var (width, height, name) in new[] { (768, 1024, "counter-tablet"), (1366, 768, "counter-laptop") })
        {
            var page = await Clerks.AtCounterAsync(site, $"clerk.w{width}", "卫东", width: width, height: height);
            await Clerks.FindAsync(page, "006");
            await Assertions.Expect(Clerks.Household(page, "孙德海")).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"At {width} px the counter is {overflow} px wider than the screen.");
            await Assertions.Expect(Clerks.RedeemButton(page)).ToBeInViewportAsync(new() { Ratio = 0.1f });
            await ConsoleSite.ScreenshotAsync(page, name);
        }
    }

    private static async Task<string> OutcomeAsync(IPage page)
    {
        var receipt = page.Locator(".receipt");
        var refusal = page.Locator("[data-reason]");
        await Assertions.Expect(receipt.Or(refusal).First).ToBeVisibleAsync();
        return await receipt.CountAsync() > 0 ? "receipt" : "refused";
    }

    /// <summary>The refusal is a sentence in Chinese with no English in it, for a reason of the expected kind.</summary>
    private static async Task AssertRefusedInChineseAsync(IPage page, string reasonPart)
    {
        var refusal = page.Locator("[data-reason]");
        await Assertions.Expect(refusal).ToBeVisibleAsync();
        Assert.Contains(reasonPart, await refusal.GetAttributeAsync("data-reason"), StringComparison.Ordinal);
        var text = await refusal.InnerTextAsync();
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", text);
        Assert.DoesNotMatch("[A-Za-z]{3,}", text);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/counter$"));
    }

    private async Task RedeemElsewhereAsync(string household, string sku, int quantity) =>
        await new Platform.Contracts.Redemption.V1.Counter.CounterClient(site.Services.Channel).RedeemAsync(new Platform.Contracts.Redemption.V1.RedeemRequest
        {
            OrderId = "elsewhere-" + Guid.NewGuid().ToString("N"), CounterCode = "C2", HouseholdNumber = household, Actor = "setup",
            Lines = { new Platform.Contracts.Redemption.V1.RedeemLine { Sku = sku, Quantity = quantity } },
        });
}
