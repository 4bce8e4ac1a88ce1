using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// On SQLite a spend and its cancel save the call's audit record in their own transaction
/// (decision 0009): a record that cannot be saved stops the change.
/// </summary>
public sealed class SpendAuditTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static HouseholdRef Zhao => ScoringHost.Household("004");

    [Fact]
    public async Task A_spend_whose_audit_record_cannot_be_saved_spends_nothing()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        var before = await host.Ledger.GetBalanceAsync(Zhao);
        await RejectRecordsAsync("Spend");

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            host.Ledger.SpendAsync(new SpendRequest { SpendId = "sp-a1", Household = Zhao, Points = 10, Actor = "counter 1" }).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, ex.StatusCode);
        var after = await host.Ledger.GetBalanceAsync(Zhao);
        Assert.Equal((before.Balance_, before.Held), (after.Balance_, after.Held));
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        Assert.False(await db.Holds.AnyAsync(h => h.Id == "sp-a1"));
        Assert.False(await db.Entries.AnyAsync(e => e.HoldId == "sp-a1"));
        await host.AssertInvariantsAsync();
    }

    [Fact]
    public async Task A_cancel_whose_audit_record_cannot_be_saved_refunds_nothing_and_one_that_can_refunds_with_its_record()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await host.Ledger.SpendAsync(new SpendRequest { SpendId = "sp-a2", Household = Zhao, Points = 10, Actor = "counter 1" });
        var spent = await host.Ledger.GetBalanceAsync(Zhao);
        await RejectRecordsAsync("CancelSpend");

        var cancel = new CancelSpendRequest { SpendId = "sp-a2", Household = Zhao, Actor = "recovery", Reason = "order cancelled" };
        await Assert.ThrowsAsync<RpcException>(() => host.Ledger.CancelSpendAsync(cancel).ResponseAsync);
        Assert.Equal(spent.Balance_, (await host.Ledger.GetBalanceAsync(Zhao)).Balance_);

        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        Assert.False(await db.Entries.AnyAsync(e => e.HoldId == "sp-a2" && e.Kind == Platform.Scoring.Ledger.EntryKind.Refund));
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER reject_audit");

        var cancelled = await host.Ledger.CancelSpendAsync(cancel);
        Assert.Equal(spent.Balance_ + 10, (await host.Ledger.GetBalanceAsync(Zhao)).Balance_);
        Assert.True(cancelled.RefundEntryId > 0);
        Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.RequestId == "sp-a2" && r.Method.EndsWith("/CancelSpend") && r.Outcome == "OK"));
        await host.AssertInvariantsAsync();
    }

    // A trigger of the test's own data folder stands for an audit trail that cannot take the record.
    private async Task RejectRecordsAsync(string method)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        // SQLite takes no parameters in a trigger's body: one fixed text per method.
        var sql = method == "Spend"
            ? "CREATE TRIGGER reject_audit BEFORE INSERT ON audit_records WHEN NEW.method LIKE '%/Spend' BEGIN SELECT RAISE(ABORT, 'the audit trail is full'); END"
            : "CREATE TRIGGER reject_audit BEFORE INSERT ON audit_records WHEN NEW.method LIKE '%/CancelSpend' BEGIN SELECT RAISE(ABORT, 'the audit trail is full'); END";
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
