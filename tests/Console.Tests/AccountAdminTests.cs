using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Security;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Auth;

namespace Platform.Console.Tests;

/// <summary>What a county admin does on the accounts page, as the page calls it.</summary>
public sealed class AccountAdminTests : IDisposable
{
    private readonly AccountsDatabase accounts = new();
    private readonly SignedIn signedIn = new();
    private readonly LogLines log = new();

    public void Dispose() => accounts.Dispose();

    private async Task<(AccountAdmin Admin, Account Self)> SignInAsync(AccountDraft draft, bool passwordChanged = true)
    {
        var self = await accounts.Store.CreateAsync(draft, "Dongfeng-2026");
        if (passwordChanged)
        {
            self = await accounts.Store.ChangePasswordAsync(self.Id, "Dongfeng-2027", byOwner: true);
        }

        signedIn.As(self);
        return (new AccountAdmin(accounts.Store, new CurrentAccount(signedIn, accounts.Store), log), self);
    }

    private static AccountDraft County(string name = "li.county") =>
        new() { UserName = name, DisplayName = "李县", Role = Role.CountyAdmin };

    [Fact]
    public async Task An_account_created_by_an_admin_signs_in_with_the_one_time_password_shown_and_must_change_it()
    {
        var (admin, _) = await SignInAsync(County());

        var (account, password) = await admin.CreateAsync(new AccountDraft
        {
            UserName = "wu.fang", DisplayName = "吴芳", Role = Role.Clerk, Supermarkets = "SM07", Counter = "T2", Villages = "V11",
        });

        var result = await accounts.Store.CheckPasswordAsync("wu.fang", password);
        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.True(result.Account!.MustChangePassword);
        Assert.Equal(account.Id, result.Account.Id);
    }

    [Fact]
    public async Task Account_changes_are_logged_with_the_admin_and_the_account_but_never_the_password()
    {
        var (admin, _) = await SignInAsync(County());

        var (account, password) = await admin.CreateAsync(new AccountDraft
        {
            UserName = "zheng.hao", DisplayName = "郑浩", Role = Role.VillageAdmin, Villages = "V21",
        });
        var (_, reset) = await admin.ResetPasswordAsync(account.Id);
        await admin.SetDisabledAsync(account.Id, true);

        Assert.Equal(3, log.Lines.Count(l => l.Contains("li.county", StringComparison.Ordinal) && l.Contains("zheng.hao", StringComparison.Ordinal)));
        Assert.Contains(log.Lines, l => l.Contains("disabled zheng.hao", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains(password, StringComparison.Ordinal) || l.Contains(reset, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_a_county_admin_administers_accounts()
    {
        var (admin, _) = await SignInAsync(new AccountDraft { UserName = "he.cun", DisplayName = "何村", Role = Role.VillageAdmin, Villages = "V21" });

        var ex = await Assert.ThrowsAsync<AccountException>(() => admin.CreateAsync(County("sneaky.admin")));

        Assert.Equal(AccountProblem.NotAllowed, ex.Problem);
        Assert.Null(await accounts.Store.FindByNameAsync("sneaky.admin"));
    }

    [Fact]
    public async Task An_admin_still_on_a_one_time_password_administers_nothing()
    {
        var (admin, _) = await SignInAsync(County(), passwordChanged: false);

        Assert.Equal(AccountProblem.NotAllowed, (await Assert.ThrowsAsync<AccountException>(() => admin.ListAsync())).Problem);
    }

    [Fact]
    public async Task An_admin_cannot_disable_his_or_her_own_account_nor_drop_his_or_her_own_role()
    {
        var (admin, self) = await SignInAsync(County());
        var draft = AccountDraft.From(self);
        draft.Role = Role.Auditor;

        Assert.Equal(AccountProblem.OwnAccount, (await Assert.ThrowsAsync<AccountException>(() => admin.SetDisabledAsync(self.Id, true))).Problem);
        Assert.Equal(AccountProblem.OwnAccount, (await Assert.ThrowsAsync<AccountException>(() => admin.RescopeAsync(self.Id, draft))).Problem);
    }

    [Fact]
    public async Task A_disabled_admin_is_signed_out_at_the_next_action()
    {
        var (admin, self) = await SignInAsync(County());
        await accounts.Store.SetDisabledAsync(self.Id, true);

        await Assert.ThrowsAsync<SignedOutException>(() => admin.ListAsync());
    }

    private sealed class LogLines : ILogger<AccountAdmin>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));
    }
}
