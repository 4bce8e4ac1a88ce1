using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Expiry;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// Expiry's set-based statement on PostgreSQL (decision 0014): a village of a few hundred
/// households with a year of monthly batches, spends, holds and credits of the new year, cleared
/// at the year's end. Each household loses exactly what it could spend beyond its credits of the
/// new year, once, with its audit record in the run's transaction, while spends race the run.
/// </summary>
public sealed class ExpiryOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private const int Households = 300;

    [Fact]
    public async Task A_year_end_expires_what_each_household_has_left_of_the_old_year_once_while_spends_race_it()
    {
        var expiry = new PointsExpiry.PointsExpiryClient(scoring.App.Channel);
        await expiry.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            IdempotencyKey = "pg-policy", VillageCode = scoring.Village, Rule = ExpiryRule.YearEnd, Actor = "clerk Sun Li",
        });
        await SeedAsync();
        scoring.Clock.Advance(new DateTimeOffset(2027, 1, 1, 0, 5, 0, TimeSpan.Zero) - scoring.Clock.GetUtcNow());
        var expected = await ScalarAsync($"""
            SELECT sum(greatest(0, a.balance - a.held - coalesce((SELECT sum(points) FROM ledger_entries e
                WHERE e.household_id = a.household_id AND e.kind = 1 AND e.period > '2026-12'), 0)))
            FROM accounts a WHERE a.village_code = '{scoring.Village}'
            """);
        Assert.True(expected > 0);

        // Spends of the new year race the run: each either comes first (and is taken from the old
        // points) or after (from what is left); never more than what is available.
        var spends = Enumerable.Range(1, 60).Select(async i =>
        {
            try
            {
                await scoring.Ledger.SpendAsync(new SpendRequest
                {
                    SpendId = $"pg-spend-{i}", Household = new HouseholdRef { VillageCode = scoring.Village, HouseholdNumber = $"E{i * 4:000}" },
                    Points = 15, Actor = "counter",
                });
                return 15L;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return 0L;
            }
        }).ToList();
        var runs = new[] { "pg-expire-1", "pg-expire-2" }.Select(async key =>
        {
            // A run locks the village's accounts in key order, a group of spends in arrival order:
            // they may deadlock, and the victim answers Aborted; a client sends the same request
            // again (decision 0007).
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = key, VillageCode = scoring.Village, Actor = "clerk Sun Li" });
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted && attempt < 5)
                {
                }
            }
        }).ToList();
        var answers = await Task.WhenAll(runs);
        var spent = (await Task.WhenAll(spends)).Sum();
        await using (var scope = scoring.App.Services.CreateAsyncScope())
        {
            Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<ExpiryJob>().RunAsync(CancellationToken.None)).Villages);
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(("2027-01", "2026-12"), (answers[0].Boundary, answers[0].CutPeriod));
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM expired_boundaries WHERE village_code = '{scoring.Village}'"));
        var expiredEntries = await ScalarAsync($"SELECT count(*) FROM ledger_entries WHERE village_code = '{scoring.Village}' AND kind = 8");
        Assert.Equal(answers[0].Households, expiredEntries);
        Assert.Equal(answers[0].Points, await ScalarAsync($"SELECT coalesce(-sum(points), 0) FROM ledger_entries WHERE village_code = '{scoring.Village}' AND kind = 8"));
        // The race can only move points between spent and expired, and never below what is spendable.
        Assert.InRange(answers[0].Points, expected - spent, expected);

        // Every balance is its entries; expiry never took the available below zero, nor the new year's credits.
        Assert.Equal(0L, await ScalarAsync($"""
            SELECT count(*) FROM accounts a WHERE a.village_code = '{scoring.Village}' AND (
                a.balance <> (SELECT coalesce(sum(points), 0) FROM ledger_entries e WHERE e.household_id = a.household_id)
                OR a.expired <> (SELECT coalesce(-sum(points), 0) FROM ledger_entries e WHERE e.household_id = a.household_id AND e.kind = 8)
                OR a.balance - a.held < 0
                OR a.balance - a.held < (SELECT coalesce(sum(points), 0) FROM ledger_entries e WHERE e.household_id = a.household_id AND e.kind = 1 AND e.period > '2026-12')
                                        - (SELECT coalesce(-sum(points), 0) FROM ledger_entries e WHERE e.household_id = a.household_id AND e.kind = 4 AND e.at >= '2027-01-01'))
            """));
        var totals = await scoring.Ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = scoring.Village });
        Assert.Equal(totals.Balance, totals.Posted - totals.Captured - totals.Expired);
        Assert.Equal(answers[0].Points, totals.Expired);

        // One event, and each call has one OK record: the winner's saved with its event in the
        // run's transaction (EF saves in savepoints, so the rows' xmin are subtransactions of it).
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM outbox_messages WHERE type LIKE '%PointsExpired%'"));
        Assert.Equal(2L, await ScalarAsync("""
            SELECT count(*) FROM audit_records WHERE request_id IN ('pg-expire-1', 'pg-expire-2') AND outcome = 'OK'
            """));
    }

    /// <summary>
    /// Households E001…E300, each with twelve monthly awards of 2026 (10 points each), spends of
    /// up to 110 points, some held points, and for every fifth an award of January 2027.
    /// </summary>
    private async Task SeedAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT @village, 'E' || lpad(h::text, 3, '0'), 'Head ' || h, 3, false, false, false, 1, now(), 'test'
            FROM generate_series(1, {Households}) h;
            INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
            SELECT id, village_code, 0, 0, 0, 0, 0 FROM households WHERE village_code = @village AND number LIKE 'E%';
            INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period)
            SELECT h.id, h.village_code, 1, 10, 'TIDY-HOME', 1, 'p1', make_date(2026, m, 28), 'sheet', 'seed-' || h.id || '-' || m, '2026-' || lpad(m::text, 2, '0')
            FROM households h CROSS JOIN generate_series(1, 12) m WHERE h.village_code = @village AND h.number LIKE 'E%';
            INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period, hold_id)
            SELECT h.id, h.village_code, 4, -(h.id % 12) * 10, 'counter', '2026-12-20', 'redeemed', 'seed-spend-' || h.id, '2026-12', 'seed-spend-' || h.id
            FROM households h WHERE h.village_code = @village AND h.number LIKE 'E%' AND h.id % 12 > 0;
            INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period)
            SELECT h.id, h.village_code, 1, 30, 'SIMPLE-CEREMONY', 1, 'p1', '2027-01-01', 'new year', 'seed-new-' || h.id, '2027-01'
            FROM households h WHERE h.village_code = @village AND h.number LIKE 'E%' AND h.id % 5 = 0;
            UPDATE accounts a SET balance = s.balance, awarded = s.awarded, captured = s.captured
            FROM (SELECT household_id, sum(points) AS balance, sum(points) FILTER (WHERE kind = 1) AS awarded,
                         coalesce(-sum(points) FILTER (WHERE kind = 4), 0) AS captured
                  FROM ledger_entries WHERE village_code = @village GROUP BY household_id) s
            WHERE a.household_id = s.household_id;
            INSERT INTO holds (id, household_id, village_code, request_hash, points, status, created_at, expires_at, actor, refunded)
            SELECT 'seed-hold-' || a.household_id, a.household_id, a.village_code, '\\x00'::bytea, 5, 1, '2026-12-31', '2027-01-02', 'counter', 0
            FROM accounts a WHERE a.village_code = @village AND a.household_id % 7 = 0 AND a.balance >= 5;
            UPDATE accounts a SET held = 5 WHERE a.village_code = @village AND a.household_id % 7 = 0 AND a.balance >= 5;
            ANALYZE;
            """, connection);
        command.Parameters.AddWithValue("village", scoring.Village);
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
