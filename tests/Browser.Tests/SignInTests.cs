using Microsoft.Playwright;

namespace Platform.Browser.Tests;

[Collection(ConsoleSiteCollection.Name)]
public sealed class SignInTests(ConsoleSite site)
{
    [Fact]
    public async Task The_sign_in_page_speaks_Chinese_and_a_wrong_password_is_refused_in_Chinese()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登录" })).ToBeVisibleAsync();
        await ConsoleSite.ScreenshotAsync(page, "signin");

        await ConsoleSite.SignInAsync(page, ConsoleSite.AdminName, "not-the-password");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码不正确。");
    }

    [Fact]
    public async Task An_admin_signs_in_and_sees_the_menu_and_signs_out()
    {
        var page = await site.NewPageAsync();
        await ConsoleSite.SignInAsync(page, ConsoleSite.AdminName, ConsoleSite.AdminPassword);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "周建华，您好" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "账号管理" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }
}
