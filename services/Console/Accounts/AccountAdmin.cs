using Platform.ServiceDefaults.Security;
using Platform.WebConsole.Auth;

namespace Platform.WebConsole.Accounts;

/// <summary>
/// What a county admin does to accounts from the console: each change checked against the admin's
/// account as it is now, and logged (who did what to which account; never a password).
/// </summary>
internal sealed class AccountAdmin(AccountStore store, CurrentAccount current, ILogger<AccountAdmin> log)
{
    public async Task<List<Account>> ListAsync(CancellationToken ct = default)
    {
        await AdminAsync(ct);
        return await store.ListAsync(ct);
    }

    /// <summary>Creates an account; the one-time password is returned once, to be handed to the person.</summary>
    public async Task<(Account Account, string Password)> CreateAsync(AccountDraft draft, CancellationToken ct = default)
    {
        var admin = await AdminAsync(ct);
        var password = PasswordRules.OneTime();
        var account = await store.CreateAsync(draft, password, ct);
        Audit(admin, "created", account);
        return (account, password);
    }

    public async Task<Account> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct = default)
    {
        var admin = await AdminAsync(ct);
        if (disabled && id == admin.Id)
        {
            throw new AccountException(AccountProblem.OwnAccount);
        }

        var account = await store.SetDisabledAsync(id, disabled, ct);
        Audit(admin, disabled ? "disabled" : "enabled", account);
        return account;
    }

    public async Task<Account> RescopeAsync(Guid id, AccountDraft draft, CancellationToken ct = default)
    {
        var admin = await AdminAsync(ct);
        if (id == admin.Id && draft.Role != Role.CountyAdmin)
        {
            throw new AccountException(AccountProblem.OwnAccount);
        }

        var account = await store.RescopeAsync(id, draft, ct);
        Audit(admin, "re-scoped", account);
        return account;
    }

    /// <summary>Gives the account a new one-time password (and lifts a lockout); its sessions end.</summary>
    public async Task<(Account Account, string Password)> ResetPasswordAsync(Guid id, CancellationToken ct = default)
    {
        var admin = await AdminAsync(ct);
        var password = PasswordRules.OneTime();
        var account = await store.ChangePasswordAsync(id, password, byOwner: false, ct);
        Audit(admin, "reset the password of", account);
        return (account, password);
    }

    private async Task<Account> AdminAsync(CancellationToken ct)
    {
        var admin = await current.GetAsync(ct);
        if (admin.Role != Role.CountyAdmin.ClaimValue() || admin.MustChangePassword)
        {
            throw new AccountException(AccountProblem.NotAllowed);
        }

        return admin;
    }

    private void Audit(Account admin, string action, Account account) =>
        log.LogInformation(
            "Account change: {Admin} {Action} {UserName} (role {Role}; villages {Villages}; supermarkets {Supermarkets}; counter {Counter}; "
            + "cooperatives {Cooperatives}; household {Household}; acts as {ActsAs}; disabled {Disabled}; version {Version})",
            admin.UserName, action, account.UserName, account.Role, account.Villages, account.Supermarkets, account.Counter,
            account.Cooperatives, account.Household, account.ActsAs, account.Disabled, account.Version);
}
