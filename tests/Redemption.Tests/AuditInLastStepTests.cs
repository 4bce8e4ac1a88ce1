using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Redemption.V1;
using Platform.Redemption.Data;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>
/// A return and a redemption commit in several steps; their record is saved in the last step's
/// transaction, so a record that cannot be saved stops that step (decision 0009).
/// </summary>
public sealed class AuditInLastStepTests : IAsyncLifetime
{
    private CounterHost host = null!;

    public async Task InitializeAsync() => host = await CounterHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_return_whose_audit_record_cannot_be_saved_puts_no_goods_back()
    {
        await host.RedeemAsync("order-a1", "004", ("RICE", 2));
        var onHand = (await host.ItemAsync("RICE")).OnHand;
        await RejectReturnRecordsAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => host.Counter.ReturnGoodsAsync(new ReturnGoodsRequest
        {
            ReturnId = "return-a1", OrderId = "order-a1", Reason = "The bag was not needed", Actor = "clerk Zhou Hong", Lines = { new RedeemLine { Sku = "RICE", Quantity = 1 } },
        }).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, ex.StatusCode);
        Assert.Equal(onHand, (await host.ItemAsync("RICE")).OnHand);
    }

    [Fact]
    public async Task A_completed_redemption_and_return_each_have_one_record_saved_with_their_change()
    {
        await host.RedeemAsync("order-a2", "005", ("RICE", 1));
        await host.Counter.ReturnGoodsAsync(new ReturnGoodsRequest
        {
            ReturnId = "return-a2", OrderId = "order-a2", Reason = "The bag was not needed", Actor = "clerk Zhou Hong", Lines = { new RedeemLine { Sku = "RICE", Quantity = 1 } },
        });

        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RedemptionDb>();
        var records = await db.AuditRecords.Where(r => r.Method.EndsWith("/Redeem") || r.Method.EndsWith("/ReturnGoods"))
            .Select(r => new { r.Method, r.Outcome }).ToListAsync();
        Assert.Single(records, r => r.Method.EndsWith("/Redeem", StringComparison.Ordinal) && r.Outcome == "OK");
        Assert.Single(records, r => r.Method.EndsWith("/ReturnGoods", StringComparison.Ordinal) && r.Outcome == "OK");
    }

    // A trigger of the test's own data folder stands for an audit trail that cannot take the record.
    private async Task RejectReturnRecordsAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RedemptionDb>();
        await db.Database.ExecuteSqlRawAsync(
            "CREATE TRIGGER reject_audit BEFORE INSERT ON audit_records WHEN NEW.method LIKE '%/ReturnGoods' "
            + "BEGIN SELECT RAISE(ABORT, 'the audit trail is full'); END");
    }
}
