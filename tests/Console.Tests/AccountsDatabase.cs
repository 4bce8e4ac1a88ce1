using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Platform.WebConsole.Accounts;

namespace Platform.Console.Tests;

/// <summary>The console's accounts in an in-memory SQLite database with its real migrations, on a controlled clock.</summary>
internal sealed class AccountsDatabase : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public AccountsDatabase()
    {
        connection.Open();
        Db = new SqliteAccountsDb(new DbContextOptionsBuilder<SqliteAccountsDb>().UseSqlite(connection).Options);
        Db.Database.Migrate();
        Store = new AccountStore(Db, Clock);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    public SqliteAccountsDb Db { get; }

    public AccountStore Store { get; }

    /// <summary>A second store on the same database with a context of its own: another page, another request.</summary>
    public AccountStore Elsewhere() =>
        new(new SqliteAccountsDb(new DbContextOptionsBuilder<SqliteAccountsDb>().UseSqlite(connection).Options), Clock);

    public void Dispose()
    {
        Db.Dispose();
        connection.Dispose();
    }
}
