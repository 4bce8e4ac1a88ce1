using Platform.ServiceDefaults.Security;
using Platform.WebConsole.Accounts;
using Platform.WebConsole.Auth;

namespace Platform.Console.Tests;

public sealed class AccountStoreTests : IDisposable
{
    private const string Password = "Chunfeng-2026";
    private readonly AccountsDatabase accounts = new();

    public void Dispose() => accounts.Dispose();

    private static AccountDraft Clerk() => new()
    {
        UserName = "zhao.min", DisplayName = "赵敏", Role = Role.Clerk,
        Supermarkets = "SM07", Counter = "T1", Villages = "V11, V12",
    };

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        await accounts.Store.CreateAsync(Clerk(), Password);
        for (var i = 1; i < AccountStore.FailuresBeforeLockout; i++)
        {
            Assert.Equal(SignInOutcome.WrongNameOrPassword, (await accounts.Store.CheckPasswordAsync("zhao.min", "wrong-" + i)).Outcome);
        }

        Assert.Equal(SignInOutcome.Locked, (await accounts.Store.CheckPasswordAsync("zhao.min", "wrong-5")).Outcome);
        // Locked: even the right password is refused until the time is up.
        Assert.Equal(SignInOutcome.Locked, (await accounts.Store.CheckPasswordAsync("zhao.min", Password)).Outcome);

        accounts.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(SignInOutcome.Locked, (await accounts.Store.CheckPasswordAsync("ZHAO.MIN", Password)).Outcome);

        accounts.Clock.Advance(TimeSpan.FromMinutes(1));
        var result = await accounts.Store.CheckPasswordAsync("zhao.min", Password);
        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.Equal(0, result.Account!.FailedSignIns);
    }

    [Fact]
    public async Task A_page_that_created_an_account_disables_it_after_its_owner_changed_the_password_elsewhere()
    {
        // An admin's page keeps its store (and its database context) as long as it is open.
        var account = await accounts.Store.CreateAsync(Clerk(), Password);
        await accounts.Elsewhere().ChangePasswordAsync(account.Id, "Own-choice-2026", byOwner: true);

        await accounts.Store.SetDisabledAsync(account.Id, true);

        var now = await accounts.Elsewhere().FindAsync(account.Id);
        Assert.True(now!.Disabled);
        Assert.False(now.MustChangePassword);
        Assert.Equal(SignInOutcome.Disabled, (await accounts.Elsewhere().CheckPasswordAsync("zhao.min", "Own-choice-2026")).Outcome);
    }

    [Fact]
    public async Task A_disabled_account_is_refused_even_with_the_right_password()
    {
        var account = await accounts.Store.CreateAsync(Clerk(), Password);
        await accounts.Store.SetDisabledAsync(account.Id, true);

        var result = await accounts.Store.CheckPasswordAsync("zhao.min", Password);

        Assert.Equal(SignInOutcome.Disabled, result.Outcome);
        Assert.Null(result.Account);
    }

    [Fact]
    public async Task An_unknown_name_gets_the_same_answer_as_a_wrong_password()
    {
        await accounts.Store.CreateAsync(Clerk(), Password);

        Assert.Equal(SignInOutcome.WrongNameOrPassword, (await accounts.Store.CheckPasswordAsync("nobody.here", Password)).Outcome);
        Assert.Equal(SignInOutcome.WrongNameOrPassword, (await accounts.Store.CheckPasswordAsync("zhao.min", "not-it")).Outcome);
    }

    [Fact]
    public async Task Re_scoping_keeps_only_the_new_roles_scope_and_raises_the_version()
    {
        var account = await accounts.Store.CreateAsync(Clerk(), Password);
        var version = account.Version;
        var draft = AccountDraft.From(account);
        draft.Role = Role.CooperativeAccountant;
        draft.Cooperatives = "C03 C04";

        var changed = await accounts.Store.RescopeAsync(account.Id, draft);

        Assert.Equal("cooperative_accountant", changed.Role);
        Assert.Equal("C03,C04", changed.Cooperatives);
        Assert.Equal(string.Empty, changed.Villages);
        Assert.Equal(string.Empty, changed.Supermarkets);
        Assert.Null(changed.Counter);
        Assert.Equal(version + 1, (await accounts.Store.FindAsync(account.Id))!.Version);
    }

    [Fact]
    public async Task A_panel_members_account_acts_as_the_member_id_and_loses_it_in_another_role()
    {
        var member = await accounts.Store.CreateAsync(new AccountDraft
        {
            UserName = "qian.li", DisplayName = "钱丽", Role = Role.PanelMember, Villages = "V11", ActsAs = "m4",
        }, Password);
        Assert.Equal("m4", member.Subject);

        var draft = AccountDraft.From(member);
        draft.Role = Role.VillageAdmin;
        var admin = await accounts.Store.RescopeAsync(member.Id, draft);

        Assert.Null(admin.ActsAs);
        Assert.Equal("qian.li", admin.Subject);
    }

    [Fact]
    public async Task The_sign_in_cookie_stops_being_valid_when_the_account_is_disabled_or_changed()
    {
        var account = await accounts.Store.CreateAsync(Clerk(), Password);
        var cookie = AccountClaims.Principal(account);
        Assert.True(AccountClaims.StillValid(cookie, await accounts.Store.FindAsync(account.Id)));

        await accounts.Store.SetDisabledAsync(account.Id, true);
        Assert.False(AccountClaims.StillValid(cookie, await accounts.Store.FindAsync(account.Id)));

        // Enabled again, the old cookie stays void: its version is behind.
        var enabled = await accounts.Store.SetDisabledAsync(account.Id, false);
        Assert.False(AccountClaims.StillValid(cookie, enabled));
        Assert.True(AccountClaims.StillValid(AccountClaims.Principal(enabled), enabled));
    }

    [Fact]
    public async Task The_password_is_kept_only_as_a_hash()
    {
        var account = await accounts.Store.CreateAsync(Clerk(), Password);

        Assert.NotEqual(Password, account.PasswordHash);
        Assert.DoesNotContain(Password, account.PasswordHash, StringComparison.Ordinal);
        Assert.True(account.PasswordHash.Length > 40);
        Assert.True(account.MustChangePassword);
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_other_sessions_and_the_old_password()
    {
        var account = await accounts.Store.CreateAsync(Clerk(), Password);
        var version = account.Version;

        var changed = await accounts.Store.ChangePasswordAsync(account.Id, "Qiuyu-2026-new", byOwner: true);

        Assert.False(changed.MustChangePassword);
        Assert.Equal(version + 1, changed.Version);
        Assert.Equal(SignInOutcome.WrongNameOrPassword, (await accounts.Store.CheckPasswordAsync("zhao.min", Password)).Outcome);
        Assert.Equal(SignInOutcome.Success, (await accounts.Store.CheckPasswordAsync("zhao.min", "Qiuyu-2026-new")).Outcome);
    }

    [Fact]
    public async Task A_reset_password_lifts_a_lockout_and_must_be_changed()
    {
        var account = await accounts.Store.CreateAsync(Clerk(), Password);
        for (var i = 0; i < AccountStore.FailuresBeforeLockout; i++)
        {
            await accounts.Store.CheckPasswordAsync("zhao.min", "wrong");
        }

        var oneTime = PasswordRules.OneTime();
        await accounts.Store.ChangePasswordAsync(account.Id, oneTime, byOwner: false);
        var result = await accounts.Store.CheckPasswordAsync("zhao.min", oneTime);

        Assert.Equal(SignInOutcome.Success, result.Outcome);
        Assert.True(result.Account!.MustChangePassword);
    }

    [Fact]
    public async Task A_password_shorter_than_the_minimum_is_refused()
    {
        var account = await accounts.Store.CreateAsync(Clerk(), Password);

        var ex = await Assert.ThrowsAsync<AccountException>(() => accounts.Store.ChangePasswordAsync(account.Id, "short", byOwner: true));

        Assert.Equal(AccountProblem.PasswordTooShort, ex.Problem);
    }

    [Fact]
    public async Task A_user_name_is_taken_whatever_its_case()
    {
        await accounts.Store.CreateAsync(Clerk(), Password);
        var again = Clerk();
        again.UserName = "Zhao.Min";

        var ex = await Assert.ThrowsAsync<AccountException>(() => accounts.Store.CreateAsync(again, Password));

        Assert.Equal(AccountProblem.UserNameTaken, ex.Problem);
    }

    [Theory]
    [InlineData(Role.Clerk, "", "SM07", "T1", "", "ScopeMissing")]
    [InlineData(Role.Clerk, "V11", "SM07", "", "", "CounterMissing")]
    [InlineData(Role.VillageAdmin, "", "", "", "", "ScopeMissing")]
    [InlineData(Role.Household, "", "", "", "V11-007", "HouseholdInvalid")]
    [InlineData(Role.Service, "", "", "", "", "RoleNotForPeople")]
    public void A_draft_without_what_its_role_needs_is_refused(Role role, string villages, string supermarkets, string counter, string household,
        string expected)
    {
        var draft = new AccountDraft
        {
            UserName = "sun.wei", DisplayName = "孙伟", Role = role, Villages = villages, Supermarkets = supermarkets, Counter = counter,
            Household = household,
        };

        Assert.Equal(expected, Assert.Throws<AccountException>(draft.Validate).Problem.ToString());
    }

    [Fact]
    public void One_time_passwords_are_long_enough_and_differ()
    {
        var passwords = Enumerable.Range(0, 20).Select(_ => PasswordRules.OneTime()).ToList();

        Assert.All(passwords, p => Assert.True(p.Length >= PasswordRules.MinimumLength));
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }
}
