using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Ledger;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// The counter's hot path on PostgreSQL (PostgresHolds, grouped by GroupCommit) inserts each
/// call's audit record in the statement that makes the change: one transaction for both.
/// </summary>
public sealed class HoldAuditOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private HouseholdRef Wang => new() { VillageCode = scoring.Village, HouseholdNumber = "001" };

    private Task<HoldResponse> Hold(string id, long points) =>
        scoring.Ledger.HoldAsync(new HoldRequest { HoldId = id, Household = Wang, Points = points, Actor = "counter 1" }).ResponseAsync;

    private Task<HoldResponse> Capture(string id) =>
        scoring.Ledger.CaptureAsync(new CaptureRequest { HoldId = id, Actor = "counter 1" }).ResponseAsync;

    private Task<HoldResponse> Release(string id) =>
        scoring.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = id, Actor = "counter 1" }).ResponseAsync;

    [Fact]
    public async Task A_hold_whose_audit_record_cannot_be_saved_fails_and_reserves_nothing_while_its_group_commits()
    {
        await scoring.AwardAsync(100, "audit-refused");
        await ExecuteAsync("""
            CREATE FUNCTION refuse_hold_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.request_id = 'audit-refused-hold' THEN RAISE EXCEPTION 'the test refuses this audit record'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_hold_audit BEFORE INSERT ON audit_records FOR EACH ROW EXECUTE FUNCTION refuse_hold_audit();
            """);
        var before = await scoring.Ledger.GetBalanceAsync(Wang);

        // Sent with others at once, so it may travel in a group that then runs again alone.
        var others = Enumerable.Range(0, 8).Select(i => Hold($"audit-kept-{i}", 1)).ToList();
        var refused = Assert.ThrowsAsync<RpcException>(() => Hold("audit-refused-hold", 5));
        await Task.WhenAll(others);
        await refused;

        var after = await scoring.Ledger.GetBalanceAsync(Wang);
        Assert.Equal((before.Balance_, before.Held + 8), (after.Balance_, after.Held));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM holds WHERE id = 'audit-refused-hold'"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-refused-hold'"));
        Assert.Equal(8L, await ScalarAsync("""
            SELECT count(*) FROM holds h JOIN audit_records r ON r.request_id = h.id AND r.xmin::text = h.xmin::text
            WHERE h.id LIKE 'audit-kept-%' AND r.outcome = 'OK'
            """));
    }

    [Fact]
    public async Task Grouped_holds_captures_and_releases_each_commit_with_exactly_one_audit_record_of_their_own_transaction()
    {
        await scoring.AwardAsync(200, "audit-grouped");
        var holds = scoring.App.Services.GetRequiredService<PostgresHolds>();
        var groupedBefore = holds.GroupCounts.Statements;
        var ids = Enumerable.Range(0, 16).Select(i => $"audit-order-{i}").ToList();

        await Task.WhenAll(ids.Select(id => Hold(id, 3)));
        foreach (var id in ids)
        {
            Assert.Equal(await XminAsync("holds", "id", id), await RecordXminAsync(id, "Hold"));
        }

        await Task.WhenAll(ids.Select((id, i) => i % 4 == 0 ? Release(id) : Capture(id)));
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var method = i % 4 == 0 ? "Release" : "Capture";
            Assert.Equal(await XminAsync("holds", "id", id), await RecordXminAsync(id, method));
            Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM audit_records WHERE request_id = '{id}' AND method LIKE '%/Hold'"));
            // The access check leaves a capture's scope to its answer; the statement names the hold's household.
            Assert.Equal(1L, await ScalarAsync(
                $"SELECT count(*) FROM audit_records WHERE request_id = '{id}' AND method LIKE '%/{method}' AND village_code = '{scoring.Village}' AND scope = '{scoring.Village}/001'"));
        }

        Assert.True(holds.GroupCounts.Statements > groupedBefore, "No statement of these concurrent calls travelled in a group.");
    }

    [Fact]
    public async Task A_refused_hold_has_its_refusal_record_and_a_replay_its_own_record_after_the_call()
    {
        await scoring.AwardAsync(10, "audit-refusal");
        var available = (await scoring.Ledger.GetBalanceAsync(Wang)).Available;

        await Assert.ThrowsAsync<RpcException>(() => Hold("audit-too-much", available + 1));
        await Hold("audit-replayed", 1);
        await Hold("audit-replayed", 1);

        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-too-much' AND outcome = 'OK'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-too-much' AND outcome = 'FailedPrecondition'"));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'audit-replayed' AND outcome = 'OK'"));
        Assert.Equal(1L, await ScalarAsync(
            "SELECT count(*) FROM audit_records r JOIN holds h ON h.id = r.request_id AND h.xmin::text = r.xmin::text WHERE r.request_id = 'audit-replayed'"));
    }

    private Task<long> XminAsync(string table, string key, string id) =>
        ScalarAsync($"SELECT xmin::text::bigint FROM {table} WHERE {key} = '{id}'");

    private async Task<long> RecordXminAsync(string id, string method)
    {
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM audit_records WHERE request_id = '{id}' AND method LIKE '%/{method}'"));
        return await ScalarAsync($"SELECT xmin::text::bigint FROM audit_records WHERE request_id = '{id}' AND method LIKE '%/{method}'");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
