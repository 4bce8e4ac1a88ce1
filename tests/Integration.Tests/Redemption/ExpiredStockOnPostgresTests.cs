using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing.Counter;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// Expired goods are never handed out, on PostgreSQL: the counter's set-based statements (the
/// reservation counts only good lots, the completion takes only from them) and the stock book's
/// SQL for hand-outs and the write-off of expired lots.
/// </summary>
public sealed class ExpiredStockOnPostgresTests : ExpiredStockContract
{
    private string database = null!;
    private PostgresCounter statements = null!;

    private protected override async Task<RedemptionDb> CreateDatabaseAsync()
    {
        database = await Servers.CreateDatabaseAsync("expired_stock");
        var db = Context();
        await db.Database.MigrateAsync();
        statements = new PostgresCounter(NpgsqlDataSource.Create(Servers.ConnectionString(database)), new OutboxSignal<RedemptionDb>(), groupCommit: true);
        return db;
    }

    private protected override ICounterStore Store(RedemptionDb context, TimeProvider time) =>
        new PostgresCounterStore(statements, new EfCounterStore(context, new StockBook(context, time), time));

    private protected override RedemptionDb Context() =>
        new PostgresRedemptionDb(new DbContextOptionsBuilder<PostgresRedemptionDb>().UseNpgsql(Servers.ConnectionString(database)).Options);

    protected override async Task DropDatabaseAsync()
    {
        await statements.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }
}
