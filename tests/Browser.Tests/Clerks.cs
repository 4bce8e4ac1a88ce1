using Microsoft.Playwright;
using Platform.ServiceDefaults.Security;
using Platform.WebConsole.Accounts;

namespace Platform.Browser.Tests;

/// <summary>Clerk accounts of the test's own, signed in at a counter of SM1.</summary>
internal static class Clerks
{
    public static async Task<IPage> AtCounterAsync(ConsoleSite site, string userName, string displayName, string counter = "C1", int width = 1366, int height = 768)
    {
        const string password = "Clerk-pass-2026";
        await site.CreateAccountAsync(new AccountDraft
        {
            UserName = userName, DisplayName = displayName, Role = Role.Clerk, Supermarkets = "SM1", Villages = ConsoleSite.Village, Counter = counter,
        }, password);
        var page = await site.NewPageAsync(width, height);
        await ConsoleSite.SignInAsync(page, userName, password);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "爱心超市柜台" })).ToBeVisibleAsync();
        await ConsoleSite.LiveAsync(page);
        return page;
    }

    /// <summary>Types into the counter's one field and presses Enter, as a clerk or a scanner does.</summary>
    public static async Task FindAsync(IPage page, string typed)
    {
        await ConsoleSite.LiveAsync(page);
        var field = page.GetByLabel("户号、户主姓名或扫卡");
        await field.FillAsync(typed);
        await field.PressAsync("Enter");
    }

    public static ILocator Household(IPage page, string headName) =>
        page.GetByRole(AriaRole.Heading, new() { Name = headName, Exact = true });

    public static async Task AddAsync(IPage page, string itemName, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"{itemName} 加一", Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByLabel($"{itemName} 数量", new() { Exact = true })).ToHaveTextAsync(times.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static ILocator RedeemButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "兑换", Exact = true });
}
