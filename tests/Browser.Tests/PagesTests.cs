using Microsoft.Playwright;

namespace Platform.Browser.Tests;

/// <summary>The clerk's other pages open and show the supermarket's stock; their screenshots go to docs/console.md.</summary>
[Collection(ConsoleSiteCollection.Name)]
public sealed class PagesTests(ConsoleSite site)
{
    [Fact]
    public async Task Stock_on_hand_the_stocktake_and_the_days_report_open_for_a_clerk()
    {
        var page = await Clerks.AtCounterAsync(site, "clerk.pages", "蒋文");

        await page.GetByRole(AriaRole.Link, new() { Name = "库存", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "库存", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("花生油").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("2027-06-30").First).ToBeVisibleAsync();
        await ConsoleSite.ScreenshotAsync(page, "stock");

        await page.GotoAsync("/stock/count");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "盘点", Exact = true })).ToBeVisibleAsync();
        await ConsoleSite.ScreenshotAsync(page, "stocktake");

        await page.GetByRole(AriaRole.Link, new() { Name = "日报", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "当日报表" })).ToBeVisibleAsync();
        await ConsoleSite.ScreenshotAsync(page, "day-report");
    }
}
