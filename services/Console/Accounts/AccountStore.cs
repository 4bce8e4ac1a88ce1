using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Security;

namespace Platform.WebConsole.Accounts;

/// <summary>
/// Creates accounts, checks passwords with lockout, and changes what an account may do.
/// Every change that must end a person's sessions raises the account's version.
/// </summary>
internal sealed class AccountStore(AccountsDb db, TimeProvider clock)
{
    /// <summary>Failed sign-ins in a row before the account is locked for <see cref="LockoutTime"/>.</summary>
    public const int FailuresBeforeLockout = 5;

    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<Account> Hasher = new();

    public Task<Account?> FindAsync(Guid id, CancellationToken ct = default) =>
        db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);

    public Task<Account?> FindByNameAsync(string userName, CancellationToken ct = default) =>
        db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.NormalizedUserName == Normalize(userName), ct);

    public Task<List<Account>> ListAsync(CancellationToken ct = default) =>
        db.Accounts.AsNoTracking().OrderBy(a => a.Role).ThenBy(a => a.UserName).ToListAsync(ct);

    /// <summary>Creates an account with the given password, to be changed at first sign-in.</summary>
    public async Task<Account> CreateAsync(AccountDraft draft, string password, CancellationToken ct = default)
    {
        draft.Validate();
        db.ChangeTracker.Clear();
        if (await db.Accounts.AnyAsync(a => a.NormalizedUserName == Normalize(draft.UserName), ct))
        {
            throw new AccountException(AccountProblem.UserNameTaken);
        }

        var account = new Account
        {
            Id = Guid.NewGuid(),
            UserName = draft.UserName.Trim(),
            NormalizedUserName = Normalize(draft.UserName),
            DisplayName = draft.DisplayName.Trim(),
            PasswordHash = string.Empty,
            Role = draft.Role.ClaimValue(),
            CreatedAt = clock.GetUtcNow(),
            MustChangePassword = true,
        };
        draft.ApplyScope(account);
        account.PasswordHash = Hasher.HashPassword(account, password);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(ct);
        return account;
    }

    /// <summary>
    /// Checks a user name and password. Unknown names and wrong passwords get the same answer,
    /// so the sign-in page does not tell which user names exist.
    /// </summary>
    public async Task<SignInResult> CheckPasswordAsync(string userName, string password, CancellationToken ct = default)
    {
        try
        {
            return await CheckPasswordOnceAsync(userName, password, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // An admin changed the account between the read and the count's write: check again.
            return await CheckPasswordOnceAsync(userName, password, ct);
        }
    }

    private async Task<SignInResult> CheckPasswordOnceAsync(string userName, string password, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedUserName == Normalize(userName), ct);
        if (account is null)
        {
            // Spend the same time as a real check.
            Hasher.VerifyHashedPassword(Dummy, DummyHash, password);
            return SignInResult.Wrong();
        }

        var now = clock.GetUtcNow();
        if (account.LockedUntil is { } until && until > now)
        {
            return SignInResult.Locked(until);
        }

        if (account.Disabled)
        {
            return SignInResult.Disabled();
        }

        var verdict = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            account.FailedSignIns++;
            if (account.FailedSignIns >= FailuresBeforeLockout)
            {
                account.LockedUntil = now + LockoutTime;
                account.FailedSignIns = 0;
                await db.SaveChangesAsync(ct);
                return SignInResult.Locked(account.LockedUntil.Value);
            }

            await db.SaveChangesAsync(ct);
            return SignInResult.Wrong();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = Hasher.HashPassword(account, password);
        }

        account.FailedSignIns = 0;
        account.LockedUntil = null;
        await db.SaveChangesAsync(ct);
        return SignInResult.Success(account);
    }

    public async Task<Account> ChangePasswordAsync(Guid id, string newPassword, bool byOwner, CancellationToken ct = default)
    {
        PasswordRules.Check(newPassword);
        return await ChangeAsync(id, account =>
        {
            account.PasswordHash = Hasher.HashPassword(account, newPassword);
            account.MustChangePassword = !byOwner;
            if (!byOwner)
            {
                // A password handed out by an admin also lifts a lockout: the person is waiting for it.
                account.FailedSignIns = 0;
                account.LockedUntil = null;
            }

            account.Version++;
        }, ct);
    }

    public Task<Account> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct = default) =>
        ChangeAsync(id, account =>
        {
            account.Disabled = disabled;
            account.Version++;
        }, ct);

    /// <summary>Gives an account another role or scope; its sessions end.</summary>
    public async Task<Account> RescopeAsync(Guid id, AccountDraft draft, CancellationToken ct = default)
    {
        draft.Validate();
        return await ChangeAsync(id, account =>
        {
            account.DisplayName = draft.DisplayName.Trim();
            account.Role = draft.Role.ClaimValue();
            draft.ApplyScope(account);
            account.Version++;
        }, ct);
    }

    public Task<Account> SetLanguageAsync(Guid id, string language, CancellationToken ct = default) =>
        ChangeAsync(id, account => account.Language = Languages.Supported.Contains(language) ? language : Languages.Default, ct);

    public static string Normalize(string userName) => userName.Trim().ToUpperInvariant();

    /// <summary>
    /// Applies a change to the account as it is now in the database. The store's context lives as
    /// long as an open page, and EF would hand back the copy it read earlier, which another page
    /// or request may have changed since; so each change starts from a fresh read. A change that
    /// meets another one made at the same moment (the version moved) is applied again once.
    /// </summary>
    private async Task<Account> ChangeAsync(Guid id, Action<Account> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new AccountException(AccountProblem.NotFound);
            change(account);
            try
            {
                await db.SaveChangesAsync(ct);
                return account;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 1)
            {
            }
        }
    }

    private static readonly Account Dummy = new() { UserName = "-", DisplayName = "-", PasswordHash = "-", Role = "-" };
    private static readonly string DummyHash = Hasher.HashPassword(Dummy, Guid.NewGuid().ToString());
}
