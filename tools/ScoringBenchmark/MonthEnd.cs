using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Scoring.Awards;

namespace Platform.ScoringBenchmark;

/// <summary>
/// A county's month-end sheet (households × entries approved proposals whose notice closed),
/// posted by the real posting job, against a plain set-based INSERT … SELECT of the same rows
/// into a table shaped like the ledger, in the same run and database.
/// </summary>
internal static class MonthEnd
{
    public static async Task RunAsync(string postgres, int households, int perHousehold)
    {
        await using var bench = await BenchDatabase.StartAsync(postgres);
        var villages = 200;
        var seed = Stopwatch.StartNew();
        // Seeding is not measured: villages, households with accounts, and approved proposals.
        await bench.ExecuteAsync($"""
            INSERT INTO villages (code, name, township, county, registered_at, quorum, notice_days)
            SELECT 'V' || lpad(v::text, 4, '0'), 'Village ' || v, 'Township ' || (v % 18), 'Bench County', now(), 0, 3
            FROM generate_series(1, {villages}) v;
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT 'V' || lpad((1 + h % {villages})::text, 4, '0'), lpad(h::text, 6, '0'), 'Head ' || h, 3, h % 10 = 0, false, h % 4 = 0, 1, now(), 'bench'
            FROM generate_series(1, {households}) h;
            INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
            SELECT id, village_code, 0, 0, 0, 0, 0 FROM households;
            INSERT INTO proposals (village_code, household_id, rule_code, rule_version, points, note, proposed_by, proposed_at, period, status, notice_ends_at, request_id)
            SELECT h.village_code, h.id, r.code, 1, r.points, 'month-end sheet', 'p1', now() - interval '5 days', '2026-10', 2, now() - interval '1 hour', 'sheet-' || h.id
            FROM households h
            CROSS JOIN (VALUES ('SIMPLE-CEREMONY', 30), ('DISASTER-DUTY', 15), ('TIDY-HOME', 10), ('MODEL-TITLE', 50), ('FIGHTING', -20)) AS r(code, points)
            CROSS JOIN generate_series(1, {Math.Max(1, perHousehold / 5)}) AS k;
            INSERT INTO notice_board (proposal_id, village_code, notice_ends_at) SELECT id, village_code, notice_ends_at FROM proposals;
            ANALYZE;
            """);
        var proposals = households * Math.Max(1, perHousehold / 5) * 5;
        Console.WriteLine($"seeded {villages} villages, {households} households, {proposals} approved proposals in {seed.Elapsed.TotalSeconds:0.0} s");

        var posting = Stopwatch.StartNew();
        await using (var scope = bench.App.Services.CreateAsyncScope())
        {
            var job = scope.ServiceProvider.GetRequiredService<AwardsPosting>();
            var result = await job.PostDueAsync(null, CancellationToken.None);
            posting.Stop();
            Console.WriteLine($"posting job: {result.Posted} entries, {result.Points} points, in {posting.Elapsed.TotalSeconds:0.00} s ({job.Parallelism} transactions side by side at most)");
        }

        var plain = Stopwatch.StartNew();
        await bench.ExecuteAsync("""
            CREATE TABLE plain_entries (LIKE ledger_entries INCLUDING ALL);
            INSERT INTO plain_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period, proposal_id)
            SELECT household_id, village_code, CASE WHEN points > 0 THEN 1 ELSE 2 END, points, rule_code, rule_version, proposed_by, now(), note, request_id, period, id
            FROM proposals;
            """);
        plain.Stop();
        Console.WriteLine($"plain set-based INSERT … SELECT of the same rows (same indexes): {plain.Elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"ratio posting / plain insert: {posting.Elapsed.TotalSeconds / plain.Elapsed.TotalSeconds:0.00}; target ≤ 10 s: {(posting.Elapsed.TotalSeconds <= 10 ? "met" : "MISSED")} ({posting.Elapsed.TotalSeconds / 10:0.00} of the target)");

        var check = await bench.ExecuteAsync("SELECT 1");
        _ = check;
    }
}
