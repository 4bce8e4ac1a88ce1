using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Platform.Testing;
using Platform.Testing.Counter;

namespace Platform.RedemptionTests;

/// <summary>Expired goods are never handed out, on SQLite through EF Core (the embedded host's store).</summary>
public sealed class ExpiredStockOnSqliteTests : ExpiredStockContract
{
    private readonly TempFolder data = new();

    private string ConnectionString => $"Data Source={Path.Combine(data.Path, "redemption.db")};Default Timeout=30";

    private protected override async Task<RedemptionDb> CreateDatabaseAsync()
    {
        var db = Context();
        await db.Database.MigrateAsync();
        return db;
    }

    private protected override ICounterStore Store(RedemptionDb context, TimeProvider time) =>
        new EfCounterStore(context, new StockBook(context, time), time);

    private protected override RedemptionDb Context() =>
        new SqliteRedemptionDb(new DbContextOptionsBuilder<SqliteRedemptionDb>().UseSqlite(ConnectionString).Options);

    protected override Task DropDatabaseAsync()
    {
        data.Dispose();
        return Task.CompletedTask;
    }
}
