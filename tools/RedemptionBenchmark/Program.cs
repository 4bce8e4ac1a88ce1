using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Npgsql;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using ScoringApi = Platform.Contracts.Scoring.V1;

// Usage: dotnet run -c Release --project tools/RedemptionBenchmark -- [counters=32] [seconds=20] [rate=500] [households=2000] [warm-up=40]
// Starts Scoring and Redemption as processes of their own (distributed mode) on new PostgreSQL
// databases (durable commits, the server's defaults), RabbitMQ and Redis from .local/infra.env,
// seeds a village, a supermarket with 32 counters and stock, then measures end-to-end
// redemptions (one Redeem call = order, hold, capture, stock, event) in two runs: unthrottled with
// the given counters, and paced at the given rate. Before them, an unmeasured warm-up run of the
// unthrottled load (40 s by default): a new .NET process spends its first ~30 s under load
// compiling its hot methods a second time (tiered compilation), which is start-up, not the
// steady state the targets are about (docs/benchmarks.md). Reports calls/s, p50/p99 and each process's
// peak resident memory (VmHWM). Databases are dropped afterwards.
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
var counters = Arg(0, 32);
var seconds = Arg(1, 20);
var rate = Arg(2, 500);
var households = Arg(3, 2_000);
var warmupSeconds = Arg(4, 40);
string Env(string name) => Environment.GetEnvironmentVariable(name)
    ?? throw new InvalidOperationException($"{name} is not set: run scripts/infra.sh up and source .local/infra.env.");
var postgres = Env("PLATFORM_POSTGRES");
var pg = new NpgsqlConnectionStringBuilder(postgres);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, PostgreSQL at {pg.Host}:{pg.Port}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

var run = Guid.NewGuid().ToString("N")[..8];
var scoringDb = $"bench_scoring_{run}";
var redemptionDb = $"bench_redemption_{run}";
await Sql("postgres", $"CREATE DATABASE {scoringDb}; ");
await Sql("postgres", $"CREATE DATABASE {redemptionDb};");
Dictionary<string, string?> Settings(string service, string database) => new()
{
    ["Platform:Mode"] = "Distributed",
    ["Platform:Postgres"] = postgres,
    ["Platform:RabbitMq"] = Env("PLATFORM_RABBITMQ"),
    ["Platform:Redis"] = Env("PLATFORM_REDIS"),
    [$"Platform:Databases:{service}"] = database,
    ["Platform:QueuePrefix"] = $"bench-{run}-",
    ["Logging:LogLevel:Default"] = "Warning",
    // BENCH_GROUP_COMMIT=false measures the hot paths without grouped commits.
    ["Platform:GroupCommit"] = Environment.GetEnvironmentVariable("BENCH_GROUP_COMMIT") ?? "true",
};

ServiceProcess? scoring = null;
ServiceProcess? redemption = null;
try
{
    scoring = await ServiceProcess.StartAsync("Scoring", Settings("scoring", scoringDb));
    var redemptionSettings = Settings("redemption", redemptionDb);
    redemptionSettings["Redemption:ScoringAddress"] = scoring.Address.ToString();
    redemption = await ServiceProcess.StartAsync("Redemption", redemptionSettings);
    await SeedAsync(scoring, redemption);

    Console.WriteLine($"end-to-end redemptions, {households} households, 5 items, 1–2 lines per order:");
    var processes = new[] { ("Scoring", scoring.Id), ("Redemption", redemption.Id) };
    if (warmupSeconds > 0)
    {
        await MeasureAsync(redemption, counters, warmupSeconds, 0, "warm-up (not the result)", processes);
    }

    var open = await MeasureAsync(redemption, counters, seconds, 0, "open", processes);
    var paced = await MeasureAsync(redemption, counters, seconds, rate, "paced", processes);
    Console.WriteLine($"  target ≥ 1,000 redemptions/s with {counters} counters: {(open >= 1000 ? "met" : "MISSED")} ({open / 1000:0.00} of the target)");
    Console.WriteLine($"  target p99 ≤ 25 ms at {rate}/s: {(paced <= 25 ? "met" : "MISSED")} (p99 {paced:0.0} ms)");
    Console.WriteLine($"  peak resident memory: Scoring {PeakMb(scoring.Id)} MB, Redemption {PeakMb(redemption.Id)} MB (target < 300 MB each)");
}
finally
{
    if (redemption is not null)
    {
        await redemption.DisposeAsync();
    }

    if (scoring is not null)
    {
        await scoring.DisposeAsync();
    }

    NpgsqlConnection.ClearAllPools();
    await Sql("postgres", $"DROP DATABASE IF EXISTS {scoringDb} WITH (FORCE);");
    await Sql("postgres", $"DROP DATABASE IF EXISTS {redemptionDb} WITH (FORCE);");
}

return 0;

async Task SeedAsync(ServiceProcess scoringProcess, ServiceProcess redemptionProcess)
{
    await new ScoringApi.Villages.VillagesClient(scoringProcess.Channel).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
    {
        IdempotencyKey = "bench-village", Code = "BENCH1", Name = "Bench village", Township = "Bench township", County = "Bench County",
    });
    await Sql(scoringDb, $"""
        INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
        SELECT 'BENCH1', lpad(h::text, 6, '0'), 'Head ' || h, 3, false, false, false, 1, now(), 'bench' FROM generate_series(1, {households}) h;
        INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period)
        SELECT id, village_code, 1, 100000000, 'bench', now(), 'opening grant', 'bench-' || id, to_char(now(), 'YYYY-MM') FROM households;
        INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
        SELECT id, village_code, 100000000, 0, 100000000, 0, 0 FROM households;
        -- A month of past holds (released: they moved no points), so that the holds table and its
        -- statistics look like a running village's: on an empty, analysed table a connection's
        -- cached generic plan scans the whole table for every hold id (docs/benchmarks.md).
        INSERT INTO holds (id, household_id, village_code, request_hash, points, status, created_at, expires_at, ended_at, actor)
        SELECT 'past-' || h.id || '-' || g, h.id, h.village_code, sha256(convert_to('past-' || h.id || '-' || g, 'UTF8')), 1, 3, now() - interval '30 days', now() - interval '30 days' + interval '2 minutes',
               now() - interval '30 days' + interval '1 minute', 'bench'
        FROM households h CROSS JOIN generate_series(1, 20) g;
        ANALYZE;
        """);
    var supermarkets = new Supermarkets.SupermarketsClient(redemptionProcess.Channel);
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (!(await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Any(v => v.Code == "BENCH1"))
    {
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException("Redemption did not learn of the bench village over RabbitMQ within 30 s.");
        }

        await Task.Delay(200);
    }

    // The counter's copy of the households, as Scoring's household-registered events would have
    // filled it (the SQL seed above sends no events): the steady state of a counter, where typing
    // a card number needs no call to Scoring.
    await Sql(redemptionDb, $"""
        INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, updated_at)
        SELECT 'BENCH1', lpad(h::text, 6, '0'), 'Head ' || h, 3, false, false, false, now() FROM generate_series(1, {households}) h;
        ANALYZE;
        """);
    await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
    {
        Code = "SMB", Name = "Bench supermarket", VillageCodes = { "BENCH1" }, CounterCodes = { Enumerable.Range(1, counters).Select(c => $"B{c:000}") },
    });
    var goods = new Goods.GoodsClient(redemptionProcess.Channel);
    var stock = new Stock.StockClient(redemptionProcess.Channel);
    foreach (var (sku, price) in new[] { ("RICE", 30L), ("OIL", 20L), ("ZONGZI", 15L), ("SOAP", 7L), ("EGGS", 11L) })
    {
        await goods.DefineItemAsync(new DefineItemRequest { IdempotencyKey = "d-" + sku, SupermarketCode = "SMB", Sku = sku, Name = sku, Unit = "piece", PricePoints = price, Actor = "bench" });
        for (var lot = 0; lot < 4; lot++)
        {
            await stock.ReceiveDonationAsync(new ReceiveDonationRequest
            {
                IdempotencyKey = $"s-{sku}-{lot}", SupermarketCode = "SMB", Sku = sku, Quantity = 1_000_000, DonorName = "Bench donor",
                DonorKind = DonorKind.Company, ValueFen = 1, BestBefore = $"2027-0{lot + 1}-01", Actor = "bench",
            });
        }
    }

    // A month of past orders at this supermarket, so that the order tables and their statistics
    // look like a running supermarket's, not a new one's (see the holds above).
    await Sql(redemptionDb, $"""
        INSERT INTO orders (id, request_hash, supermarket_code, counter_code, village_code, household_number, head_name, status, points,
                            available_after, capture_entry_id, created_at, ended_at, cancel_reason, actor)
        SELECT 'past-' || g, '\x00'::bytea, 'SMB', 'B001', 'BENCH1', lpad((g % {households} + 1)::text, 6, '0'), 'Head', 2, 30,
               0, NULL, now() - interval '30 days', now() - interval '30 days', NULL, 'bench clerk'
        FROM generate_series(1, 40000) g;
        INSERT INTO order_lines (order_id, line_number, sku, name, unit, quantity, unit_points, points, limit_period, returned_quantity)
        SELECT 'past-' || g, 1, 'RICE', 'RICE', 'piece', 1, 30, 30, NULL, 0 FROM generate_series(1, 40000) g;
        ANALYZE;
        """);
}

async Task<double> MeasureAsync(ServiceProcess target, int callers, int measured, int pace, string label, (string Name, int Pid)[] processes)
{
    var cpuAtStart = processes.Select(p => CpuMeter.ProcessTime(p.Pid)).ToArray();
    var machineAtStart = CpuMeter.Read();
    long completed = 0;
    var client = new Counter.CounterClient(target.Channel);
    var warmup = TimeSpan.FromSeconds(3);
    var stopAt = warmup + TimeSpan.FromSeconds(measured);
    var latencies = new List<double>[callers];
    long failed = 0;
    var clock = Stopwatch.StartNew();
    var interval = pace > 0 ? TimeSpan.FromSeconds((double)callers / pace) : TimeSpan.Zero;
    string[] skus = ["RICE", "OIL", "ZONGZI", "SOAP", "EGGS"];
    await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
    {
        var mine = latencies[c] = new List<double>(100_000);
        var random = new Random(c * 7919 + pace);
        var next = clock.Elapsed;
        for (var i = 0; clock.Elapsed < stopAt; i++)
        {
            if (interval > TimeSpan.Zero)
            {
                next += interval;
                var wait = next - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }

            var first = random.Next(skus.Length);
            var request = new RedeemRequest
            {
                OrderId = $"{label.Split(' ')[0]}-{c}-{i}",
                CounterCode = $"B{c + 1:000}",
                HouseholdNumber = random.Next(1, households + 1).ToString("000000", CultureInfo.InvariantCulture),
                Actor = "bench clerk",
                Lines = { new RedeemLine { Sku = skus[first], Quantity = random.Next(1, 3) } },
            };
            if (random.Next(2) == 0)
            {
                request.Lines.Add(new RedeemLine { Sku = skus[(first + 1 + random.Next(skus.Length - 1)) % skus.Length], Quantity = 1 });
            }

            var t0 = clock.Elapsed;
            try
            {
                await client.RedeemAsync(request);
                Interlocked.Increment(ref completed);
                var t1 = clock.Elapsed;
                if (t0 >= warmup && t1 <= stopAt)
                {
                    mine.Add((t1 - t0).TotalMilliseconds);
                }
            }
            catch (RpcException ex)
            {
                if (Interlocked.Increment(ref failed) == 1)
                {
                    Console.WriteLine($"  first failure: {ex.StatusCode} {ex.Status.Detail}");
                }
            }
        }
    }));
    var all = latencies.SelectMany(l => l).Order().ToArray();
    double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))];
    var perSecond = all.Length / (double)measured;
    Console.WriteLine($"  {label}: {callers} counters{(pace > 0 ? $" paced at {pace}/s" : ", unthrottled")}, {measured} s after {warmup.TotalSeconds:0} s warm-up: {all.Length} redemptions = {perSecond:0}/s; p50 {Percentile(0.5):0.0} ms, p99 {Percentile(0.99):0.0} ms, max {all.LastOrDefault():0} ms; failed {failed}");
    // Over the whole run, warm-up included: CPU of each service process per completed redemption.
    string PerRedemption(TimeSpan used) => $"{used.TotalMilliseconds / Math.Max(1, completed):0.0} ms";
    var cpu = processes.Select((p, i) => $"{p.Name} {PerRedemption(CpuMeter.ProcessTime(p.Pid) - cpuAtStart[i])}").ToList();
    var machine = CpuMeter.Read() - machineAtStart;
    cpu.Add($"PostgreSQL {PerRedemption(machine.Postgres)}");
    cpu.Add($"RabbitMQ {PerRedemption(machine.RabbitMq)}");
    cpu.Add($"load generator {PerRedemption(machine.Self)}");
    Console.WriteLine($"    CPU per redemption: {string.Join(", ", cpu)} ({completed} redemptions incl. warm-up); load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    return pace > 0 ? Percentile(0.99) : perSecond;
}

async Task Sql(string database, string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = database, CommandTimeout = 600 }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}

static long PeakMb(int pid)
{
    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
}
