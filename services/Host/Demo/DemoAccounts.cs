using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Security;
using Platform.WebConsole;
using Platform.WebConsole.Accounts;

namespace Platform.Host.Demo;

/// <summary>One console account for each role of the demo county, each with a one-time password.</summary>
internal static class DemoAccounts
{
    public sealed record Created(string UserName, string Role, string Who, string Password);

    public static IReadOnlyList<AccountDraft> Drafts { get; } =
    [
        new() { UserName = "county.admin", DisplayName = "刘主任（县民政局）", Role = Role.CountyAdmin },
        new() { UserName = "village.admin", DisplayName = "王建国（村支书）", Role = Role.VillageAdmin, Villages = DemoCounty.Village },
        new() { UserName = "panel.sun", DisplayName = "孙立新（第一书记）", Role = Role.PanelMember, Villages = DemoCounty.Village, ActsAs = "M2" },
        new()
        {
            UserName = "clerk.yang", DisplayName = DemoCounty.Clerk1 + "（一号柜台）", Role = Role.Clerk, Supermarkets = DemoCounty.Supermarket,
            Counter = DemoCounty.Counter1, Villages = DemoCounty.Village,
        },
        new()
        {
            UserName = "clerk.chen", DisplayName = DemoCounty.Clerk2 + "（二号柜台）", Role = Role.Clerk, Supermarkets = DemoCounty.Supermarket,
            Counter = DemoCounty.Counter2, Villages = DemoCounty.Village,
        },
        new() { UserName = "coop.wu", DisplayName = DemoCounty.Accountant + "（合作社会计）", Role = Role.CooperativeAccountant, Cooperatives = DemoCounty.Cooperative },
        new() { UserName = DemoCounty.BoardChair, DisplayName = DemoCounty.HeadOf("001") + "（理事长）", Role = Role.CooperativeBoard, Cooperatives = DemoCounty.Cooperative },
        new()
        {
            UserName = DemoCounty.SupervisoryChair, DisplayName = DemoCounty.HeadOf("012") + "（监事长）", Role = Role.CooperativeBoard, Cooperatives = DemoCounty.Cooperative,
        },
        new() { UserName = "auditor", DisplayName = "县审计局", Role = Role.Auditor },
        new() { UserName = "household.004", DisplayName = DemoCounty.HeadOf("004"), Role = Role.Household, Household = DemoCounty.Village + "/004" },
    ];

    /// <summary>Creates the accounts in the console's database of the data folder the settings name.</summary>
    public static async Task<List<Created>> CreateAsync(string[] settings, CancellationToken ct)
    {
        await using var app = ConsoleApp.Build([.. settings, "--Logging:LogLevel:Default=Warning"]);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountsDb>().Database.MigrateAsync(ct);
        var store = scope.ServiceProvider.GetRequiredService<AccountStore>();
        var created = new List<Created>();
        foreach (var draft in Drafts)
        {
            var password = PasswordRules.OneTime();
            await store.CreateAsync(draft, password, ct);
            created.Add(new Created(draft.UserName, draft.Role.ClaimValue(), draft.DisplayName, password));
        }

        return created;
    }
}
