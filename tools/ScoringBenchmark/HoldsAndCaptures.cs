using System.Diagnostics;
using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;

namespace Platform.ScoringBenchmark;

/// <summary>
/// Holds plus captures over gRPC: callers each loop Hold then Capture of 1 point on a random
/// household, over one HTTP/2 channel to Scoring on PostgreSQL with durable commits. Counts
/// calls (a hold and a capture are two) per second and the latency of each call.
/// </summary>
internal static class HoldsAndCaptures
{
    public static async Task RunAsync(string postgres, int callers, int seconds, int households, int rate)
    {
        await using var bench = await BenchDatabase.StartAsync(postgres);
        await bench.ExecuteAsync($"""
            INSERT INTO villages (code, name, township, county, registered_at, quorum, notice_days)
            VALUES ('V0001', 'Bench village', 'Bench township', 'Bench County', now(), 0, 3);
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT 'V0001', lpad(h::text, 6, '0'), 'Head ' || h, 3, false, false, false, 1, now(), 'bench' FROM generate_series(1, {households}) h;
            INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period)
            SELECT id, village_code, 1, 1000000, 'bench', now(), 'opening grant', 'bench-' || id, '2026-11' FROM households;
            INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
            SELECT id, village_code, 1000000, 0, 1000000, 0, 0 FROM households;
            -- A month of past holds (released: they moved no points), so that the table and its
            -- statistics look like a running village's, not a new one's. On an empty, analysed
            -- table the planner expects no rows, and a connection's cached generic plan then
            -- scans the whole table for every hold id until the next ANALYZE (docs/benchmarks.md).
            INSERT INTO holds (id, household_id, village_code, points, status, created_at, expires_at, ended_at, actor)
            SELECT 'past-' || h.id || '-' || g, h.id, h.village_code, 1, 3, now() - interval '30 days', now() - interval '30 days' + interval '2 minutes',
                   now() - interval '30 days' + interval '1 minute', 'bench'
            FROM households h CROSS JOIN generate_series(1, 50) g;
            ANALYZE;
            """);
        var ledger = new Ledger.LedgerClient(bench.App.Channel);
        var latencies = new List<double>[callers];
        var refused = 0L;
        var warmup = TimeSpan.FromSeconds(3);
        var run = Stopwatch.StartNew();
        var measureFrom = warmup;
        var stopAt = warmup + TimeSpan.FromSeconds(seconds);
        // With a rate, each caller paces itself to rate / callers pairs… of calls per second.
        var interval = rate > 0 ? TimeSpan.FromSeconds(2.0 * callers / rate) : TimeSpan.Zero;

        // CPU is read when the measured window opens and closes (postgres backends that end in
        // between take their time with them, but the pool keeps them alive).
        var cpu = Task.Run(async () =>
        {
            await Task.Delay(measureFrom - run.Elapsed);
            var start = CpuMeter.Read();
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
            await Task.Delay(stopAt - run.Elapsed);
            return (CpuMeter.Read() - start, load);
        });
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            var mine = latencies[c] = new List<double>(100_000);
            var random = new Random(c);
            var next = run.Elapsed;
            for (var i = 0; run.Elapsed < stopAt; i++)
            {
                if (interval > TimeSpan.Zero)
                {
                    next += interval;
                    var wait = next - run.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }
                }

                var id = $"c{c}-{i}";
                var household = new HouseholdRef { VillageCode = "V0001", HouseholdNumber = random.Next(1, households + 1).ToString("000000") };
                try
                {
                    var t0 = run.Elapsed;
                    await ledger.HoldAsync(new HoldRequest { HoldId = id, Household = household, Points = 1, Actor = "bench" });
                    var t1 = run.Elapsed;
                    await ledger.CaptureAsync(new CaptureRequest { HoldId = id, Actor = "bench" });
                    var t2 = run.Elapsed;
                    if (t0 >= measureFrom && t2 <= stopAt)
                    {
                        mine.Add((t1 - t0).TotalMilliseconds);
                        mine.Add((t2 - t1).TotalMilliseconds);
                    }
                }
                catch (RpcException ex)
                {
                    if (Interlocked.Increment(ref refused) == 1)
                    {
                        Console.WriteLine($"  first refusal: {ex.StatusCode} {ex.Status.Detail}");
                    }
                }
            }
        }));

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
        var perSecond = all.Length / (double)seconds;
        Console.WriteLine($"holds+captures: {callers} callers, {seconds} s measured after {warmup.TotalSeconds:0} s warm-up, {households} households{(rate > 0 ? $", paced at {rate} calls/s" : ", unthrottled")}");
        Console.WriteLine($"  {all.Length} calls = {perSecond:0} calls/s; p50 {Percentile(0.50):0.00} ms, p99 {Percentile(0.99):0.00} ms, max {all.LastOrDefault():0.0} ms; refused or failed {refused}");
        var (used, loadAtStart) = await cpu;
        double PerCall(TimeSpan t) => all.Length == 0 ? double.NaN : t.TotalMilliseconds * 1000 / all.Length;
        Console.WriteLine($"  CPU per call: benchmark process (service + callers) {PerCall(used.Self):0} µs, PostgreSQL {PerCall(used.Postgres):0} µs, RabbitMQ {PerCall(used.RabbitMq):0} µs; load average at start {loadAtStart}, at end {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?")}");
        if (bench.App.App.Services.GetService(typeof(Platform.Scoring.Ledger.PostgresHolds)) is Platform.Scoring.Ledger.PostgresHolds holds)
        {
            var (groups, statements, alone) = holds.GroupCounts;
            Console.WriteLine($"  statements (whole run): {statements} in {groups} groups ({(groups == 0 ? 0 : statements / (double)groups):0.0} each), {alone} alone");
        }

        Console.WriteLine($"  target ≥ 2,000 calls/s: {(perSecond >= 2000 ? "met" : "MISSED")} ({perSecond / 2000:0.00} of the target)");
    }
}
