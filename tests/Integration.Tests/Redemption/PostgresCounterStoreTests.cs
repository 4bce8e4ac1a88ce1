using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Messaging;
using Platform.Testing.Counter;

namespace Platform.Integration.Tests.Redemption;

/// <summary>The counter's storage contract on PostgreSQL: the grouped single statements, and EF Core for the cancel.</summary>
public sealed class PostgresCounterStoreTests : CounterStoreContract
{
    private string database = null!;
    private NpgsqlDataSource source = null!;
    private PostgresCounter statements = null!;

    private protected override async Task<RedemptionDb> CreateDatabaseAsync()
    {
        database = await Servers.CreateDatabaseAsync("counter_store");
        var db = Context();
        await db.Database.MigrateAsync();
        source = NpgsqlDataSource.Create(Servers.ConnectionString(database));
        statements = new PostgresCounter(source, new OutboxSignal<RedemptionDb>(), groupCommit: true);
        return db;
    }

    private protected override ICounterStore Store(RedemptionDb context) =>
        new PostgresCounterStore(statements, new EfCounterStore(context, new StockBook(context, TimeProvider.System), TimeProvider.System));

    private protected override RedemptionDb Context() =>
        new PostgresRedemptionDb(new DbContextOptionsBuilder<PostgresRedemptionDb>().UseNpgsql(Servers.ConnectionString(database)).Options);

    protected override async Task DropDatabaseAsync()
    {
        await statements.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }
}
