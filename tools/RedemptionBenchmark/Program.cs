using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;
using Platform.Contracts.Redemption.V1;
using Platform.RedemptionBenchmark;
using Platform.Testing;
using ScoringApi = Platform.Contracts.Scoring.V1;

// Usage: dotnet run -c Release --project tools/RedemptionBenchmark -- [counters=32] [seconds=20] [rate=500] [households=2000] [warm-up=40] [replicas=0]
// Starts Scoring and Redemption as processes of their own (distributed mode) on new PostgreSQL
// databases (durable commits, the server's defaults), RabbitMQ and Redis from .local/infra.env,
// seeds a village, a supermarket with 32 counters and stock, then measures end-to-end
// redemptions (one Redeem call = reservation, one Scoring spend, completion with stock and event) in two runs: unthrottled with
// the given counters, and paced at the given rate. Before them, an unmeasured warm-up run of the
// unthrottled load (40 s by default): a new .NET process spends its first ~30 s under load
// compiling its hot methods a second time (tiered compilation), which is start-up, not the
// steady state the targets are about (docs/benchmarks.md). First the machine's floor (empty gRPC
// calls, bare durable commits; BENCH_FLOOR=0 skips it), for the ratio issue 17 asks. Reports calls/s, p50/p99 and each process's
// peak resident memory (VmHWM). Databases are dropped afterwards.
// replicas ≥ 1: that many processes of Scoring and of Redemption on the same databases and queues,
// each service behind tools/LoadBalancer (as scripts/run-distributed.sh up --replicas N runs
// them); households are registered through Scoring during the warm-up run, so that
// Redemption's replicas share a queue; at the end the outboxes, the inbox and the balances are
// checked for events published or handled twice or lost (docs/benchmarks.md).
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
var counters = Arg(0, 32);
var seconds = Arg(1, 20);
var rate = Arg(2, 500);
var households = Arg(3, 2_000);
var warmupSeconds = Arg(4, 40);
var replicas = Arg(5, 0);
string Env(string name) => Environment.GetEnvironmentVariable(name)
    ?? throw new InvalidOperationException($"{name} is not set: run scripts/infra.sh up and source .local/infra.env.");
var postgres = Env("PLATFORM_POSTGRES");
var pg = new NpgsqlConnectionStringBuilder(postgres);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, PostgreSQL at {pg.Host}:{pg.Port}, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

// The floor first, with nothing else of ours running: empty gRPC calls and bare durable commits
// from as many callers as counters (BENCH_FLOOR=0 skips it).
if (Environment.GetEnvironmentVariable("BENCH_FLOOR") != "0")
{
    await Platform.ScoringBenchmark.Floor.RunAsync(postgres, counters, 10);
}

var run = Guid.NewGuid().ToString("N")[..8];
var scoringDb = $"bench_scoring_{run}";
var redemptionDb = $"bench_redemption_{run}";
await Sql("postgres", $"CREATE DATABASE {scoringDb}; ");
await Sql("postgres", $"CREATE DATABASE {redemptionDb};");
Dictionary<string, string?> Settings(string service, string database)
{
    var settings = new Dictionary<string, string?>
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
    if (replicas > 0)
    {
        // The relays' and the household consumer's debug lines: how the replicas share the work.
        settings["Logging:Console:FormatterName"] = "simple";
        settings["Logging:LogLevel:Platform.ServiceDefaults.Messaging"] = "Debug";
        settings["Logging:LogLevel:Platform.Redemption.Households"] = "Debug";
    }

    return settings;
}

var scorings = new List<ServiceProcess>();
var redemptions = new List<ServiceProcess>();
var balancers = new List<Process>();
var shares = new Dictionary<string, Share>();
try
{
    Uri scoringAddress, redemptionAddress;
    for (var i = 0; i < Math.Max(1, replicas); i++)
    {
        scorings.Add(Watch(await ServiceProcess.StartAsync("Scoring", Settings("scoring", scoringDb)), $"Scoring {i + 1}"));
    }

    scoringAddress = replicas > 0 ? await StartBalancerAsync(scorings) : scorings[0].Address;
    var redemptionSettings = Settings("redemption", redemptionDb);
    redemptionSettings["Redemption:ScoringAddress"] = scoringAddress.ToString();
    for (var i = 0; i < Math.Max(1, replicas); i++)
    {
        redemptions.Add(Watch(await ServiceProcess.StartAsync("Redemption", redemptionSettings), $"Redemption {i + 1}"));
    }

    redemptionAddress = replicas > 0 ? await StartBalancerAsync(redemptions) : redemptions[0].Address;
    using var scoringChannel = replicas > 0 ? ChannelTo(scoringAddress) : null;
    using var redemptionChannel = replicas > 0 ? ChannelTo(redemptionAddress) : null;
    var scoring = scoringChannel ?? scorings[0].Channel;
    var redemption = redemptionChannel ?? redemptions[0].Channel;
    if (replicas > 0)
    {
        Console.WriteLine($"{replicas} replica(s) of each service: Scoring at {scoringAddress}, Redemption at {redemptionAddress} (tools/LoadBalancer, per call)");
    }

    await SeedAsync(scoring, redemption);

    Console.WriteLine($"end-to-end redemptions, {households} households, 5 items, 1–2 lines per order:");
    var processes = scorings.Select((p, i) => ($"Scoring{(replicas > 1 ? $" {i + 1}" : "")}", p.Id))
        .Concat(redemptions.Select((p, i) => ($"Redemption{(replicas > 1 ? $" {i + 1}" : "")}", p.Id)))
        .Concat(balancers.Select((p, i) => ($"balancer {(i == 0 ? "Scoring" : "Redemption")}", p.Id))).ToArray();
    // Households registered during the warm-up (or the open run, with no warm-up), not during the
    // measurements: registering is far heavier per call than a redemption.
    using var registering = new CancellationTokenSource();
    var registration = replicas > 0 ? RegisterHouseholdsAsync(scoring, registering.Token) : Task.FromResult(0);
    if (warmupSeconds > 0)
    {
        await MeasureAsync(redemption, counters, warmupSeconds, 0, "warm-up (not the result)", processes);
        await registering.CancelAsync();
    }

    var open = await MeasureAsync(redemption, counters, seconds, 0, "open", processes);
    await registering.CancelAsync();
    var registered = await registration;
    var paced = await MeasureAsync(redemption, counters, seconds, rate, "paced", processes);
    Console.WriteLine($"  target ≥ 1,000 redemptions/s with {counters} counters: {(open >= 1000 ? "met" : "MISSED")} ({open / 1000:0.00} of the target)");
    Console.WriteLine($"  target p99 ≤ 25 ms at {rate}/s: {(paced <= 25 ? "met" : "MISSED")} (p99 {paced:0.0} ms)");
    Console.WriteLine($"  peak resident memory: {string.Join(", ", processes.Select(p => $"{p.Item1} {CounterLoad.PeakMb(p.Item2)} MB"))} (target < 300 MB each service)");
    if (replicas > 0)
    {
        await CheckOnceAsync(registered);
    }
}
finally
{
    foreach (var balancer in balancers)
    {
        balancer.Kill();
        await balancer.WaitForExitAsync();
        balancer.Dispose();
    }

    foreach (var process in redemptions.Concat(scorings))
    {
        await process.DisposeAsync();
    }

    NpgsqlConnection.ClearAllPools();
    await Sql("postgres", $"DROP DATABASE IF EXISTS {scoringDb} WITH (FORCE);");
    await Sql("postgres", $"DROP DATABASE IF EXISTS {redemptionDb} WITH (FORCE);");
}

return 0;

async Task SeedAsync(GrpcChannel scoringChannel, GrpcChannel redemptionChannel)
{
    await new ScoringApi.Villages.VillagesClient(scoringChannel).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
    {
        IdempotencyKey = "bench-village", Code = "BENCH1", Name = "Bench village", Township = "Bench township", County = "Bench County",
    });
    if (replicas > 0)
    {
        // The village whose households are registered during the run (RegisterHouseholdsAsync).
        await new ScoringApi.Villages.VillagesClient(scoringChannel).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
        {
            IdempotencyKey = "bench-village-2", Code = "BENCH2", Name = "Bench village 2", Township = "Bench township", County = "Bench County",
        });
    }

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
    var supermarkets = new Supermarkets.SupermarketsClient(redemptionChannel);
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
        INSERT INTO households (village_code, number, head_name, head_pinyin, head_initials, member_count, poverty_registered, monitored, has_member_over70, updated_at)
        SELECT 'BENCH1', lpad(h::text, 6, '0'), 'Head ' || h, 'head ' || h, 'h', 3, false, false, false, now() FROM generate_series(1, {households}) h;
        ANALYZE;
        """);
    await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
    {
        Code = "SMB", Name = "Bench supermarket", VillageCodes = { "BENCH1" }, CounterCodes = { Enumerable.Range(1, counters).Select(c => $"B{c:000}") },
    });
    var goods = new Goods.GoodsClient(redemptionChannel);
    var stock = new Stock.StockClient(redemptionChannel);
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

async Task<double> MeasureAsync(GrpcChannel target, int callers, int measured, int pace, string label, (string Name, int Pid)[] processes)
{
    var cpuAtStart = processes.Select(p => CpuMeter.ProcessTime(p.Pid)).ToArray();
    var machineAtStart = CpuMeter.Read();
    var run = await CounterLoad.RunAsync(target, callers, measured, pace, households, label.Split(' ')[0]);
    var perSecond = run.Latencies.Length / (double)measured;
    Console.WriteLine($"  {label}: {callers} counters{(pace > 0 ? $" paced at {pace}/s" : ", unthrottled")}, {measured} s after {CounterLoad.Warmup.TotalSeconds:0} s warm-up: {run.Latencies.Length} redemptions = {perSecond:0}/s; p50 {run.Percentile(0.5):0.0} ms, p99 {run.Percentile(0.99):0.0} ms, max {run.Max:0} ms; failed {run.Failed}");
    // Over the whole run, warm-up included: CPU of each service process per completed redemption.
    string PerRedemption(TimeSpan used) => $"{used.TotalMilliseconds / Math.Max(1, run.Completed):0.0} ms";
    var cpu = processes.Select((p, i) => $"{p.Name} {PerRedemption(CpuMeter.ProcessTime(p.Pid) - cpuAtStart[i])}").ToList();
    var machine = CpuMeter.Read() - machineAtStart;
    cpu.Add($"PostgreSQL {PerRedemption(machine.Postgres)}");
    cpu.Add($"RabbitMQ {PerRedemption(machine.RabbitMq)}");
    cpu.Add($"load generator {PerRedemption(machine.Self)}");
    Console.WriteLine($"    CPU per redemption: {string.Join(", ", cpu)} ({run.Completed} redemptions incl. warm-up); load average now {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    return pace > 0 ? run.Percentile(0.99) : perSecond;
}

async Task Sql(string database, string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = database, CommandTimeout = 600 }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}

ServiceProcess Watch(ServiceProcess process, string name)
{
    var share = shares[name] = new Share();
    process.LineReceived += line => share.Count(line);
    return process;
}

GrpcChannel ChannelTo(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
{
    Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
    {
        metadata.Add("authorization", "Bearer " + TestTokens.Everything);
        return Task.CompletedTask;
    })),
    UnsafeUseInsecureChannelCallCredentials = true,
});

// tools/LoadBalancer in front of the replicas, as scripts/run-distributed.sh runs it.
async Task<Uri> StartBalancerAsync(List<ServiceProcess> backends)
{
    var root = new DirectoryInfo(AppContext.BaseDirectory);
    while (!File.Exists(Path.Combine(root.FullName, "Platform.sln")))
    {
        root = root.Parent ?? throw new DirectoryNotFoundException("Platform.sln not found above the benchmark.");
    }

    var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
    var port = ServiceProcess.FreePort();
    var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
    info.ArgumentList.Add(Path.Combine(root.FullName, "tools", "LoadBalancer", "bin", configuration, "net10.0", "Platform.LoadBalancer.dll"));
    info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
    foreach (var backend in backends)
    {
        info.ArgumentList.Add(backend.Address.ToString().TrimEnd('/'));
    }

    info.Environment["DOTNET_gcServer"] = "0";
    var balancer = Process.Start(info)!;
    balancer.OutputDataReceived += (_, _) => { };
    balancer.BeginOutputReadLine();
    balancers.Add(balancer);
    var address = new Uri($"http://127.0.0.1:{port}");
    using var channel = ChannelTo(address);
    var health = new Grpc.Health.V1.Health.HealthClient(channel);
    for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200))
    {
        try
        {
            await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
            return address;
        }
        catch (RpcException) when (DateTime.UtcNow < deadline)
        {
            // Not listening yet.
        }
    }
}

// Households of BENCH2 registered through Scoring's address, 20 a call, 10 calls a second: each is
// a HouseholdRegistered event that Redemption's replicas take from one queue.
async Task<int> RegisterHouseholdsAsync(GrpcChannel channel, CancellationToken stop)
{
    var client = new ScoringApi.Households.HouseholdsClient(channel);
    var registered = 0;
    for (var batch = 0; !stop.IsCancellationRequested; batch++)
    {
        var request = new ScoringApi.RegisterHouseholdsRequest { IdempotencyKey = $"reg-{batch}", VillageCode = "BENCH2", Actor = "bench" };
        request.Households.Add(Enumerable.Range(batch * 20 + 1, 20).Select(n => new ScoringApi.NewHousehold
        {
            HouseholdNumber = n.ToString("000000", CultureInfo.InvariantCulture), HeadName = $"Head {n}", MemberCount = 3,
        }));
        await client.RegisterHouseholdsAsync(request, cancellationToken: CancellationToken.None);
        registered += 20;
        await Task.Delay(100, CancellationToken.None);
    }

    return registered;
}

// After the load: every outbox row published once (the relays' counts add up to the rows), every
// HouseholdRegistered event handled once by one replica (inbox = outbox, no duplicate delivery), and
// each household's captured points in Scoring equal to its completed orders in Redemption.
async Task CheckOnceAsync(int registered)
{
    Console.WriteLine($"once-only checks ({registered} households registered through Scoring during the {(warmupSeconds > 0 ? "warm-up" : "open run")}):");
    for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(500))
    {
        var unsent = (long)(await Rows(scoringDb, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"))[0][0]
            + (long)(await Rows(redemptionDb, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"))[0][0];
        var inbox = (long)(await Rows(redemptionDb, "SELECT count(*) FROM inbox_messages WHERE consumer = 'HouseholdRegisteredConsumer'"))[0][0];
        if ((unsent == 0 && inbox >= registered) || DateTime.UtcNow > deadline)
        {
            break;
        }
    }

    await Task.Delay(1000); // the last batches' log lines
    foreach (var (service, database) in new[] { ("Scoring", scoringDb), ("Redemption", redemptionDb) })
    {
        var byType = await Rows(database, "SELECT type, count(*), count(sent_at), count(DISTINCT event_id) FROM outbox_messages GROUP BY type ORDER BY type");
        var rows = byType.Sum(r => (long)r[1]);
        var sent = byType.Sum(r => (long)r[2]);
        var distinct = byType.Sum(r => (long)r[3]);
        var relays = shares.Where(s => s.Key.StartsWith(service, StringComparison.Ordinal)).ToList();
        var published = relays.Sum(s => s.Value.Published);
        Console.WriteLine($"  {service} outbox: {rows} rows ({string.Join(", ", byType.Select(r => $"{((string)r[0]).Split(',')[0].Split('.')[^1]} {r[1]}"))}), " +
            $"{sent} sent, {distinct} distinct event ids; published by the relays: {string.Join(" + ", relays.Select(s => $"{s.Key} {s.Value.Published}"))} = {published}: " +
            (published == rows && sent == rows && distinct == rows ? "each row published once" : "MISMATCH"));
    }

    var outboxIds = (await Rows(scoringDb, "SELECT event_id FROM outbox_messages WHERE type LIKE '%HouseholdRegistered,%'")).Select(r => (Guid)r[0]).ToHashSet();
    var inboxIds = (await Rows(redemptionDb, "SELECT message_id FROM inbox_messages WHERE consumer = 'HouseholdRegisteredConsumer'")).Select(r => (Guid)r[0]).ToList();
    var cached = (long)(await Rows(redemptionDb, "SELECT count(*) FROM households WHERE village_code = 'BENCH2'"))[0][0];
    var consumers = shares.Where(s => s.Key.StartsWith("Redemption", StringComparison.Ordinal)).ToList();
    var handled = consumers.Sum(s => s.Value.Handled);
    var again = consumers.Sum(s => s.Value.AlreadyHandled);
    Console.WriteLine($"  HouseholdRegistered: {outboxIds.Count} events in Scoring's outbox, {inboxIds.Count} inbox rows in Redemption ({inboxIds.Distinct().Count()} distinct), " +
        $"{outboxIds.Except(inboxIds).Count()} not handled, {inboxIds.Except(outboxIds).Count()} unknown; {cached} BENCH2 households in Redemption's copy; " +
        $"handled by {string.Join(" + ", consumers.Select(s => $"{s.Key} {s.Value.Handled}"))} = {handled}, deliveries found already handled {again}: " +
        (outboxIds.SetEquals(inboxIds) && inboxIds.Count == outboxIds.Count && handled == outboxIds.Count && cached == registered ? "each event handled once, none lost" : "MISMATCH"));

    var captured = (await Rows(scoringDb, "SELECT h.number, a.captured, a.held FROM accounts a JOIN households h ON h.id = a.household_id WHERE h.village_code = 'BENCH1'"))
        .ToDictionary(r => (string)r[0], r => ((long)r[1], (long)r[2]));
    var redeemed = (await Rows(redemptionDb, "SELECT household_number, sum(points)::bigint FROM orders WHERE village_code = 'BENCH1' AND status = 2 AND id NOT LIKE 'past-%' GROUP BY 1"))
        .ToDictionary(r => (string)r[0], r => (long)r[1]);
    var pending = (long)(await Rows(redemptionDb, "SELECT count(*) FROM orders WHERE status = 1"))[0][0];
    var differ = captured.Count(c => c.Value.Item1 != redeemed.GetValueOrDefault(c.Key));
    Console.WriteLine($"  points: Scoring captured {captured.Values.Sum(c => c.Item1):N0} from {captured.Count(c => c.Value.Item1 > 0)} households, held {captured.Values.Sum(c => c.Item2)}; " +
        $"Redemption's completed orders {redeemed.Values.Sum():N0} points, {pending} pending; households that differ: {differ}: " +
        (differ == 0 && pending == 0 && captured.Values.Sum(c => c.Item2) == 0 ? "consistent" : "MISMATCH"));
}

async Task<List<object[]>> Rows(string database, string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    var rows = new List<object[]>();
    while (await reader.ReadAsync())
    {
        var row = new object[reader.FieldCount];
        reader.GetValues(row);
        rows.Add(row);
    }

    return rows;
}

/// <summary>What one replica did, counted from its debug lines.</summary>
internal sealed partial class Share
{
    private long published;
    private long handled;
    private long alreadyHandled;

    public long Published => Interlocked.Read(ref published);

    public long Handled => Interlocked.Read(ref handled);

    public long AlreadyHandled => Interlocked.Read(ref alreadyHandled);

    public void Count(string line)
    {
        if (PublishedLine().Match(line) is { Success: true } match)
        {
            Interlocked.Add(ref published, long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }
        else if (line.EndsWith(": already handled", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref alreadyHandled);
        }
        else if (line.EndsWith(": handled", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref handled);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Outbox relay of \w+ published (\d+) events")]
    private static partial System.Text.RegularExpressions.Regex PublishedLine();
}
