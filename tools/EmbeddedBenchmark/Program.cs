using System.Globalization;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Platform.Contracts.Redemption.V1;
using Platform.RedemptionBenchmark;
using Platform.Testing;
using ScoringApi = Platform.Contracts.Scoring.V1;

// Usage: dotnet run -c Release --project tools/EmbeddedBenchmark -- [counters=8] [seconds=20] [rate=100] [households=2000] [warm-up=30]
// Starts the embedded host (services/Host, its Release build) as a process of its own on a new
// temporary data folder and free ports, seeds a village, a supermarket with the counters, five
// items and their stock through the gRPC API, stops the host and seeds the households, their
// points and a month of past holds and orders through SQL on the SQLite files (as the
// PostgreSQL benchmark does), starts the host again and measures end-to-end redemptions (one
// Redeem call = order, hold in Scoring over loopback, capture, stock, event) over gRPC:
// an unmeasured warm-up (JIT and tiered compilation), then the counters unthrottled, the
// counters paced at the given total rate, and one counter alone. Reports redemptions/s,
// p50/p95/p99, the host's CPU time per redemption (/proc/PID/stat) and its peak resident memory
// (VmHWM), with the machine's load average.
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
var counters = Arg(0, 8);
var seconds = Arg(1, 20);
var rate = Arg(2, 100);
var households = Arg(3, 2_000);
var warmupSeconds = Arg(4, 30);
string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {Load()}");

var data = Directory.CreateTempSubdirectory("embedded-bench-").FullName;
var settings = new Dictionary<string, string?>
{
    ["Platform:Mode"] = "Embedded",
    ["Platform:DataFolder"] = data,
    ["Platform:Console:Url"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}",
    ["Logging:LogLevel:Default"] = "Warning",
    // BENCH_SQLITE_WRITE_GATE=false measures the host with its SQLite writers colliding.
    ["Platform:SqliteWriteGate"] = Environment.GetEnvironmentVariable("BENCH_SQLITE_WRITE_GATE") ?? "true",
};
var port = ServiceProcess.FreePort();
ServiceProcess? host = null;
try
{
    host = await ServiceProcess.StartAsync("Host", settings, port);
    await SeedThroughApiAsync(host.Channel);
    await host.DisposeAsync();
    host = null;
    SqliteConnection.ClearAllPools();
    SeedThroughSql();

    host = await ServiceProcess.StartAsync("Host", settings, port);
    var pid = host.Id;
    Console.WriteLine($"embedded host (pid {pid}) on {data}, SQLite write gate {settings["Platform:SqliteWriteGate"]}: journal_mode={Pragma("scoring", "journal_mode")}, " +
        $"synchronous={Pragma("scoring", "synchronous")} (2 = FULL) per connection unless the host sets it; {households} households, 5 items, 1–2 lines per order");
    if (warmupSeconds > 0)
    {
        await MeasureAsync(host.Channel, counters, warmupSeconds, 0, "warm-up (not the result)", pid);
    }

    var open = await MeasureAsync(host.Channel, counters, seconds, 0, "open", pid);
    var paced = await MeasureAsync(host.Channel, counters, seconds, rate, "paced", pid);
    var alone = await MeasureAsync(host.Channel, 1, seconds, 0, "alone", pid);
    Console.WriteLine($"  target ≥ 300 redemptions/s with {counters} counters: {(open.PerSecond >= 300 ? "met" : "MISSED")} ({open.PerSecond:0}/s)");
    Console.WriteLine($"  target p99 ≤ 50 ms at {rate}/s: {(paced.P99 <= 50 && paced.PerSecond >= rate * 0.95 ? "met" : "MISSED")} (p99 {paced.P99:0.0} ms, {paced.PerSecond:0}/s achieved)");
    Console.WriteLine($"  target p99 ≤ 20 ms for one counter alone: {(alone.P99 <= 20 ? "met" : "MISSED")} (p99 {alone.P99:0.0} ms)");
    Console.WriteLine($"  host peak resident memory (VmHWM): {CounterLoad.PeakMb(pid)} MB; load average now {Load()}");
}
finally
{
    if (host is not null)
    {
        await host.DisposeAsync();
    }

    SqliteConnection.ClearAllPools();
    Directory.Delete(data, recursive: true);
}

return 0;

async Task SeedThroughApiAsync(GrpcChannel channel)
{
    await new ScoringApi.Villages.VillagesClient(channel).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
    {
        IdempotencyKey = "bench-village", Code = "BENCH1", Name = "Bench village", Township = "Bench township", County = "Bench County",
    });
    var supermarkets = new Supermarkets.SupermarketsClient(channel);
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (!(await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Any(v => v.Code == "BENCH1"))
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("Redemption did not learn of the bench village within 30 s.");
        }

        await Task.Delay(200);
    }

    await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
    {
        Code = "SMB", Name = "Bench supermarket", VillageCodes = { "BENCH1" }, CounterCodes = { Enumerable.Range(1, Math.Max(counters, 1)).Select(c => $"B{c:000}") },
    });
    var goods = new Goods.GoodsClient(channel);
    var stock = new Stock.StockClient(channel);
    foreach (var (sku, price) in new[] { ("RICE", 30L), ("OIL", 20L), ("ZONGZI", 15L), ("SOAP", 7L), ("EGGS", 11L) })
    {
        await goods.DefineItemAsync(new DefineItemRequest { IdempotencyKey = "d-" + sku, SupermarketCode = "SMB", Sku = sku, Name = sku, Unit = "piece", PricePoints = price, Actor = "bench" });
        for (var lot = 0; lot < 4; lot++)
        {
            await stock.ReceiveDonationAsync(new ReceiveDonationRequest
            {
                IdempotencyKey = $"s-{sku}-{lot}", SupermarketCode = "SMB", Sku = sku, Quantity = 1_000_000, DonorName = "Bench donor",
                DonorKind = DonorKind.Company, ValueFen = 1, BestBefore = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(lot + 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Actor = "bench",
            });
        }
    }
}

// While the host is stopped: households with points in Scoring, the counter's copy of them in
// Redemption (as Scoring's events would have filled it), and a month of past holds and orders so
// that the tables look like a running village's rather than a new one's.
void SeedThroughSql()
{
    const string Numbers = "WITH RECURSIVE n(h) AS (SELECT 1 UNION ALL SELECT h + 1 FROM n WHERE h < {0})";
    const string Now = "strftime('%Y-%m-%d %H:%M:%f', 'now')";
    const string MonthAgo = "strftime('%Y-%m-%d %H:%M:%f', 'now', '-30 days')";
    Sql("scoring", string.Format(CultureInfo.InvariantCulture, Numbers, households) + $"""
         INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
         SELECT 'BENCH1', printf('%06d', h), 'Head ' || h, 3, 0, 0, 0, 1, {Now}, 'bench' FROM n;
        INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period)
        SELECT id, village_code, 1, 100000000, 'bench', {Now}, 'opening grant', 'bench-' || id, strftime('%Y-%m', 'now') FROM households;
        INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
        SELECT id, village_code, 100000000, 0, 100000000, 0, 0 FROM households;
        WITH RECURSIVE g(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM g WHERE k < 20)
        INSERT INTO holds (id, household_id, village_code, request_hash, points, status, created_at, expires_at, ended_at, actor)
        SELECT 'past-' || h.id || '-' || g.k, h.id, h.village_code, randomblob(32), 1, 3, {MonthAgo},
               strftime('%Y-%m-%d %H:%M:%f', 'now', '-30 days', '+2 minutes'), strftime('%Y-%m-%d %H:%M:%f', 'now', '-30 days', '+1 minutes'), 'bench'
        FROM households h CROSS JOIN g;
        ANALYZE;
        """);
    Sql("redemption", string.Format(CultureInfo.InvariantCulture, Numbers, households) + $"""
         INSERT INTO households (village_code, number, head_name, head_pinyin, head_initials, member_count, poverty_registered, monitored, has_member_over70, updated_at)
         SELECT 'BENCH1', printf('%06d', h), 'Head ' || h, 'head ' || h, 'h', 3, 0, 0, 0, {Now} FROM n;
        WITH RECURSIVE g(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM g WHERE k < 40000)
        INSERT INTO orders (id, request_hash, supermarket_code, counter_code, village_code, household_number, head_name, status, points,
                            available_after, capture_entry_id, created_at, ended_at, cancel_reason, actor)
        SELECT 'past-' || k, x'00', 'SMB', 'B001', 'BENCH1', printf('%06d', k % {households} + 1), 'Head', 2, 30, 0, NULL, {MonthAgo}, {MonthAgo}, NULL, 'bench clerk' FROM g;
        INSERT INTO order_lines (order_id, line_number, sku, name, unit, quantity, unit_points, points, limit_period, returned_quantity)
        SELECT id, 1, 'RICE', 'RICE', 'piece', 1, 30, 30, NULL, 0 FROM orders WHERE id LIKE 'past-%';
        ANALYZE;
        """);
}

void Sql(string service, string sql)
{
    using var connection = new SqliteConnection($"Data Source={Path.Combine(data, service + ".db")};Pooling=False");
    connection.Open();
    using var transaction = connection.BeginTransaction();
    using var command = new SqliteCommand(sql, connection, transaction) { CommandTimeout = 600 };
    command.ExecuteNonQuery();
    transaction.Commit();
}

string Pragma(string service, string name)
{
    using var connection = new SqliteConnection($"Data Source={Path.Combine(data, service + ".db")};Mode=ReadOnly;Pooling=False");
    connection.Open();
    using var command = new SqliteCommand($"PRAGMA {name};", connection);
    return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "?";
}

async Task<(double PerSecond, double P99)> MeasureAsync(GrpcChannel target, int callers, int measured, int pace, string label, int pid)
{
    var cpuAtStart = CpuMeter.ProcessTime(pid);
    var run = await CounterLoad.RunAsync(target, callers, measured, pace, households, $"{label.Split(' ')[0]}-{callers}",
        seedSalt: callers, spreadStart: true);
    var perSecond = run.Latencies.Length / (double)measured;
    var cpu = (CpuMeter.ProcessTime(pid) - cpuAtStart).TotalMilliseconds / Math.Max(1, run.Completed);
    Console.WriteLine($"  {label}: {callers} counter(s){(pace > 0 ? $" paced at {pace}/s" : ", unthrottled")}, {measured} s after {CounterLoad.Warmup.TotalSeconds:0} s warm-up: " +
        $"{run.Latencies.Length} redemptions = {perSecond:0}/s; p50 {run.Percentile(0.5):0.0} ms, p95 {run.Percentile(0.95):0.0} ms, p99 {run.Percentile(0.99):0.0} ms, max {run.Max:0} ms; failed {run.Failed}");
    Console.WriteLine($"    host CPU per redemption {cpu:0.00} ms ({run.Completed} redemptions incl. warm-up); host peak RSS {CounterLoad.PeakMb(pid)} MB; load average now {Load()}");
    return (perSecond, run.Percentile(0.99));
}

