using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Scoring.Data;
using Platform.Scoring.Expiry;

namespace Platform.ScoringBenchmark;

/// <summary>
/// A county's year end with points that expire (decision 0014): households with a year of
/// monthly earning batches, spends and some credits of the new year, every village cleared at
/// the year's end, posted by the real set-based expiry (what the job runs at the boundary) in
/// one transaction, against a plain set-based INSERT … SELECT of as many rows.
/// </summary>
internal static class YearEndExpiry
{
    public static async Task RunAsync(string postgres, int households, int batches)
    {
        await using var bench = await BenchDatabase.StartAsync(postgres);
        const int villages = 200;
        var seed = Stopwatch.StartNew();
        // Not measured: villages with a year-end policy set in 2026, households and accounts, one
        // award per household and month of 2026, a spend of up to 110 points, and for every fifth
        // household an award of January 2027 (which must not expire).
        await bench.ExecuteAsync($"""
            INSERT INTO villages (code, name, township, county, registered_at, quorum, notice_days)
            SELECT 'V' || lpad(v::text, 4, '0'), 'Village ' || v, 'Township ' || (v % 18), 'Bench County', now(), 0, 3
            FROM generate_series(1, {villages}) v;
            INSERT INTO expiry_policies (village_code, rule, months, notice_days, set_by, set_at)
            SELECT code, 3, 0, 14, 'bench', '2026-06-01' FROM villages;
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT 'V' || lpad((1 + h % {villages})::text, 4, '0'), lpad(h::text, 6, '0'), 'Head ' || h, 3, h % 10 = 0, false, h % 4 = 0, 1, now(), 'bench'
            FROM generate_series(1, {households}) h;
            INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period)
            SELECT h.id, h.village_code, 1, 10, 'TIDY-HOME', 1, 'p1', make_date(2026, 1 + (m - 1) % 12, 28), 'sheet', 'seed-' || h.id || '-' || m,
                   '2026-' || lpad((1 + (m - 1) % 12)::text, 2, '0')
            FROM households h CROSS JOIN generate_series(1, {batches}) m;
            INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period, hold_id)
            SELECT h.id, h.village_code, 4, -(h.id % 12) * 10, 'counter', '2026-12-20', 'redeemed', 'spend-' || h.id, '2026-12', 'spend-' || h.id
            FROM households h WHERE h.id % 12 > 0;
            INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period)
            SELECT h.id, h.village_code, 1, 30, 'SIMPLE-CEREMONY', 1, 'p1', '2027-01-01', 'new year', 'new-' || h.id, '2027-01'
            FROM households h WHERE h.id % 5 = 0;
            INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
            SELECT h.id, h.village_code, coalesce(s.balance, 0), 0, coalesce(s.awarded, 0), 0, coalesce(s.captured, 0)
            FROM households h LEFT JOIN (
                SELECT household_id, sum(points) AS balance, sum(points) FILTER (WHERE kind = 1) AS awarded,
                       coalesce(-sum(points) FILTER (WHERE kind = 4), 0) AS captured
                FROM ledger_entries GROUP BY household_id) s ON s.household_id = h.id;
            ANALYZE;
            """);
        var entries = households * (long)batches;
        Console.WriteLine($"seeded {villages} villages, {households} households, {entries} earning entries ({batches} batches each) in {seed.Elapsed.TotalSeconds:0.0} s");

        var expiry = Stopwatch.StartNew();
        await using (var scope = bench.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
            var targets = await db.ExpiryPolicies.AsNoTracking().OrderBy(p => p.VillageCode)
                .Select(p => new ExpiryPosting.Target(p.VillageCode, "2026-12")).ToListAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var runs = await scope.ServiceProvider.GetRequiredService<ExpiryPosting>().ExpireAsync(targets, "2027-01", ExpiryJob.Actor, "expiry:2027-01", CancellationToken.None);
            await transaction.CommitAsync();
            expiry.Stop();
            Console.WriteLine($"year-end expiry: {runs.Count} villages, {runs.Sum(r => r.Households)} households, {runs.Sum(r => r.Points)} points, in {expiry.Elapsed.TotalSeconds:0.00} s (one transaction)");
        }

        var check = await bench.ExecuteAsync("""
            DO $$ BEGIN
              IF EXISTS (SELECT 1 FROM accounts a WHERE a.balance <> (SELECT coalesce(sum(points), 0) FROM ledger_entries e WHERE e.household_id = a.household_id)
                                                    OR a.balance < (SELECT coalesce(sum(points), 0) FROM ledger_entries e WHERE e.household_id = a.household_id AND e.period > '2026-12' AND e.kind = 1))
              THEN RAISE EXCEPTION 'a balance does not equal its entries, or a credit of 2027 expired'; END IF;
            END $$;
            """);
        _ = check;
        Console.WriteLine("checked: every balance equals its entries; no credit of January 2027 expired");

        var plain = Stopwatch.StartNew();
        await bench.ExecuteAsync("""
            CREATE TABLE plain_entries (LIKE ledger_entries INCLUDING ALL);
            INSERT INTO plain_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period)
            SELECT household_id, village_code, 8, -1, 'plain', now(), 'plain', 'plain', '2027-01' FROM accounts;
            """);
        plain.Stop();
        Console.WriteLine($"plain set-based INSERT … SELECT of one row per household (same indexes): {plain.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"target ≤ 10 s: {(expiry.Elapsed.TotalSeconds <= 10 ? "met" : "MISSED")} ({expiry.Elapsed.TotalSeconds / 10:0.00} of the target)");
    }
}
