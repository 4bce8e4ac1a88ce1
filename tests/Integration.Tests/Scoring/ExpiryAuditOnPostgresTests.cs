using Grpc.Core;
using Npgsql;
using Platform.Contracts.Scoring.V1;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// An office's expiry run and its audit record commit together (decisions 0009, 0014): a record
/// the database refuses leaves no expiry entry, no claimed boundary and every balance as it was.
/// </summary>
public sealed class ExpiryAuditOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private HouseholdRef Wang => new() { VillageCode = scoring.Village, HouseholdNumber = "001" };

    [Fact]
    public async Task An_expiry_run_whose_audit_record_cannot_be_saved_expires_nothing_and_a_retry_expires_once()
    {
        var expiry = new PointsExpiry.PointsExpiryClient(scoring.App.Channel);
        await expiry.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            IdempotencyKey = "audit-policy", VillageCode = scoring.Village, Rule = ExpiryRule.YearEnd, Actor = "clerk Sun Li",
        });
        await scoring.AwardAsync(100, "expiry-audit");
        scoring.Clock.Advance(new DateTimeOffset(2027, 1, 1, 0, 5, 0, TimeSpan.Zero) - scoring.Clock.GetUtcNow());
        await ExecuteAsync("""
            CREATE FUNCTION refuse_expiry_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.request_id = 'expire-refused' THEN RAISE EXCEPTION 'the test refuses this audit record'; END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_expiry_audit BEFORE INSERT ON audit_records FOR EACH ROW EXECUTE FUNCTION refuse_expiry_audit();
            """);
        var request = new ExpireDueRequest { IdempotencyKey = "expire-refused", VillageCode = scoring.Village, Actor = "clerk Sun Li" };

        await Assert.ThrowsAsync<RpcException>(() => expiry.ExpireDueAsync(request).ResponseAsync);

        Assert.Equal(100, (await scoring.Ledger.GetBalanceAsync(Wang)).Balance_);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM ledger_entries WHERE kind = 8"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM expired_boundaries"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE type LIKE '%PointsExpired%'"));

        await ExecuteAsync("DROP TRIGGER refuse_expiry_audit ON audit_records");
        var run = await expiry.ExpireDueAsync(request);
        Assert.Equal((1, 100L), (run.Households, run.Points));
        Assert.Equal(0, (await scoring.Ledger.GetBalanceAsync(Wang)).Balance_);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_records WHERE request_id = 'expire-refused' AND outcome = 'OK'"));
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
