using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Platform.ServiceDefaults.Security;
using Platform.WebConsole;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Api;
using Platform.WebConsole.Auth;
using Platform.WebConsole.Components.Pages.Accounts;

namespace Platform.Console.Tests;

/// <summary>The accounts page as a county admin uses it, in Chinese, on the real account store.</summary>
public sealed class AccountListPageTests : BunitContext
{
    private readonly AccountsDatabase accounts = new();

    public AccountListPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var signedIn = new SignedIn();
        var admin = accounts.Store.CreateAsync(new AccountDraft { UserName = "gao.county", DisplayName = "高县", Role = Role.CountyAdmin }, "Xiaoxue-2026")
            .GetAwaiter().GetResult();
        signedIn.As(accounts.Store.ChangePasswordAsync(admin.Id, "Xiaoxue-2027", byOwner: true).GetAwaiter().GetResult());

        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddLogging();
        Services.AddSingleton<TimeProvider>(accounts.Clock);
        Services.AddSingleton<AuthenticationStateProvider>(signedIn);
        Services.AddSingleton(accounts.Store);
        Services.AddSingleton(new ConsoleOptions());
        Services.AddSingleton(new SigningKeys(new AuthOptions()));
        Services.AddSingleton<ServiceChannels>();
        Services.AddSingleton<PersonTokens>();
        Services.AddScoped<CurrentAccount>();
        Services.AddScoped<AccountAdmin>();
        Services.AddScoped<PlatformApi>();
        Services.AddScoped<RefusalTexts>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        accounts.Dispose();
    }

    [Fact]
    public async Task A_clerk_is_created_with_a_one_time_password_shown_once_after_a_problem_worded_in_chinese()
    {
        var page = Render<AccountList>();
        page.Find("#userName").Change("lu.ping");
        page.Find("#displayName").Change("陆萍");
        page.Find("#role").Change(nameof(Role.Clerk));
        page.Find("#supermarket").Change("SM07");
        page.Find("#clerkVillages").Change("V11, V12");

        page.Find("section.account-form button.btn-primary").Click();
        page.WaitForAssertion(() => Assert.Equal("店员账号须填写收银台。", page.Find("[data-problem]").TextContent));

        page.Find("#counter").Change("T1");
        page.Find("section.account-form button.btn-primary").Click();
        page.WaitForAssertion(() => Assert.Contains("lu.ping", page.Find(".alert-success").TextContent, StringComparison.Ordinal));

        var password = page.Find(".one-time-password").TextContent.Trim();
        var signIn = await accounts.Store.CheckPasswordAsync("lu.ping", password);
        Assert.Equal(SignInOutcome.Success, signIn.Outcome);
        Assert.Equal("V11,V12", signIn.Account!.Villages);
        Assert.Contains(page.FindAll("td"), td => td.TextContent == "超市店员");
    }

    [Fact]
    public async Task Disabling_an_account_shows_it_disabled_in_the_list()
    {
        await accounts.Store.CreateAsync(new AccountDraft { UserName = "yang.cun", DisplayName = "杨村", Role = Role.VillageAdmin, Villages = "V31" }, "Chunyu-2026");
        var page = Render<AccountList>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        var row = page.FindAll("tbody tr").Single(r => r.TextContent.Contains("yang.cun", StringComparison.Ordinal));
        row.QuerySelector("button.btn-outline-danger")!.Click();

        page.WaitForAssertion(() => Assert.Contains("已停用",
            page.FindAll("tbody tr").Single(r => r.TextContent.Contains("yang.cun", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal));
        Assert.True((await accounts.Store.FindByNameAsync("yang.cun"))!.Disabled);
    }
}
