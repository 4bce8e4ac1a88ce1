using Microsoft.EntityFrameworkCore;

namespace Platform.WebConsole.Accounts;

/// <summary>The console's own database: the accounts people sign in with.</summary>
internal class AccountsDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var account = modelBuilder.Entity<Account>();
        account.ToTable("accounts");
        account.HasKey(a => a.Id);
        account.Property(a => a.UserName).HasMaxLength(64);
        account.Property(a => a.NormalizedUserName).HasMaxLength(64);
        account.HasIndex(a => a.NormalizedUserName).IsUnique();
        account.Property(a => a.DisplayName).HasMaxLength(64);
        account.Property(a => a.Role).HasMaxLength(32);
        account.Property(a => a.Language).HasMaxLength(8);
        account.Property(a => a.Version).IsConcurrencyToken();
        account.Ignore(a => a.Subject);
    }
}

/// <summary>The SQLite flavour (embedded mode), with its own migrations.</summary>
internal sealed class SqliteAccountsDb(DbContextOptions<SqliteAccountsDb> options) : AccountsDb(options);

/// <summary>The PostgreSQL flavour (distributed mode), with its own migrations.</summary>
internal sealed class PostgresAccountsDb(DbContextOptions<PostgresAccountsDb> options) : AccountsDb(options);

internal sealed class SqliteAccountsDbFactory : Platform.ServiceDefaults.Data.SqliteDesignTimeFactory<SqliteAccountsDb>;

internal sealed class PostgresAccountsDbFactory : Platform.ServiceDefaults.Data.PostgresDesignTimeFactory<PostgresAccountsDb>;
