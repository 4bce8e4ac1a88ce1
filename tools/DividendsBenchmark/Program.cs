using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Dividends.Allocation;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.DividendsBenchmark;

// Usage: dotnet run -c Release --project tools/DividendsBenchmark [members] [runs]
// PostgreSQL from PLATFORM_POSTGRES (source .local/infra.env); a scratch database is created and dropped.
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7;
var members = SyntheticCooperative.Members(count);
Console.WriteLine($"Distribution for {count:N0} members, {members.Sum(m => m.Holdings.Count):N0} holdings; {Environment.ProcessorCount} cores");

AllocationResult result = DividendAllocator.Allocate(SyntheticCooperative.Figures, SyntheticCooperative.Policy, members); // warm-up
var compute = new List<double>();
var cpu = new List<double>();
var process = Process.GetCurrentProcess();
for (var i = 0; i < runs; i++)
{
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    result = DividendAllocator.Allocate(SyntheticCooperative.Figures, SyntheticCooperative.Policy, members);
    compute.Add(watch.Elapsed.TotalMilliseconds);
    process.Refresh();
    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
}

var check = result.ReserveFen + result.WelfareFen + result.RetainedFen + result.AllocatedFen == result.DistributableFen;
Console.WriteLine($"compute: median {Median(compute):F1} ms, min {compute.Min():F1}, max {compute.Max():F1} (target 100 ms); " +
    $"process CPU per run: median {Median(cpu):F0} ms; sums exact: {check}");
Console.WriteLine($"load average before persisting: {File.ReadAllText("/proc/loadavg").Trim()}");

var server = Environment.GetEnvironmentVariable("PLATFORM_POSTGRES");
if (string.IsNullOrWhiteSpace(server))
{
    Console.WriteLine("persist: skipped, PLATFORM_POSTGRES is not set (source .local/infra.env)");
    return check ? 0 : 1;
}

var name = $"bench_dividends_{Guid.NewGuid():N}"[..32];
await Admin($"CREATE DATABASE \"{name}\"");
try
{
    var options = new DbContextOptionsBuilder<PostgresDividendsDb>()
        .UseNpgsql(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString).Options;
    await using (var db = new PostgresDividendsDb(options))
    {
        await db.Database.MigrateAsync();
        Console.WriteLine($"postgres: synchronous_commit={await Setting(db, "synchronous_commit")}, fsync={await Setting(db, "fsync")}");
    }

    var persist = new List<double>();
    for (var i = 0; i <= runs; i++)
    {
        await using var db = new PostgresDividendsDb(options);
        var watch = Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var distribution = new Distribution
        {
            CooperativeCode = "BENCH", PeriodFrom = SyntheticCooperative.From, PeriodTo = SyntheticCooperative.To,
            Status = DistributionStatus.Draft, DistributableFen = result.DistributableFen, ReserveFen = result.ReserveFen,
            WelfareFen = result.WelfareFen, RetainedFen = result.RetainedFen, AllocatedFen = result.AllocatedFen,
            CreatedAt = DateTime.UtcNow,
        };
        db.Distributions.Add(distribution);
        await db.SaveChangesAsync();
        var lines = result.Members.Select(m => new AllocationLine
        {
            DistributionId = distribution.Id, MemberId = m.MemberId, GuaranteedFen = m.GuaranteedFen,
            PatronageFen = m.PatronageFen, SharesFen = m.SharesFen, TotalFen = m.TotalFen,
        }).ToList();
        await AllocationLineWriter.ReplaceAsync(db, distribution.Id, lines, CancellationToken.None);
        await transaction.CommitAsync();
        if (i > 0)
        {
            persist.Add(watch.Elapsed.TotalMilliseconds); // run 0 warms the connection pool and JIT
        }
    }

    Console.WriteLine($"persist (header + {count:N0} lines by binary COPY, one durable commit): median {Median(persist):F0} ms, " +
        $"min {persist.Min():F0}, max {persist.Max():F0} (target 2000 ms)");
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Admin($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
}

return check ? 0 : 1;

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

async Task Admin(string sql)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<string> Setting(DividendsDb db, string setting)
{
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = $"SHOW {setting}";
    var value = (string?)await command.ExecuteScalarAsync() ?? "?";
    await connection.CloseAsync();
    return value;
}
