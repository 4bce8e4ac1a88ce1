using System.Diagnostics;
using Platform.ScoringBenchmark;

// Usage: dotnet run -c Release --project tools/ScoringBenchmark -- month-end|holds [options]
//   month-end [households=70000] [entries-per-household=5]
//   holds [callers=32] [seconds=20] [households=1000] [rate=0 (unthrottled) | target calls per second]
//         [warm-up=5: seconds at least, then until the JIT has settled, at most 90 s]
//   spend [callers=32] [seconds=20] [households=1000] [rate=0] [warm-up=5]: the counter's one-call Spend, as holds
//   floor [callers=32] [seconds=10]: empty gRPC calls and bare durable commits, the machine's floor
//   year-end-expiry [households=70000] [batches=12]: a county's points cleared at the year's end (decision 0014)
// Needs PLATFORM_POSTGRES (source .local/infra.env after scripts/infra.sh up). Each run uses a new
// database and drops it afterwards.
var mode = args.FirstOrDefault() ?? "month-end";
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
var postgres = Environment.GetEnvironmentVariable("PLATFORM_POSTGRES")
    ?? throw new InvalidOperationException("PLATFORM_POSTGRES is not set: run scripts/infra.sh up and source .local/infra.env.");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, PostgreSQL at {new Npgsql.NpgsqlConnectionStringBuilder(postgres).Host}:{new Npgsql.NpgsqlConnectionStringBuilder(postgres).Port}");
var clock = Stopwatch.StartNew();
switch (mode)
{
    case "month-end":
        await MonthEnd.RunAsync(postgres, Arg(1, 70_000), Arg(2, 5));
        break;
    case "holds":
        await HoldsAndCaptures.RunAsync(postgres, Arg(1, 32), Arg(2, 20), Arg(3, 1_000), Arg(4, 0), Arg(5, 5));
        break;
    case "spend":
        await HoldsAndCaptures.RunAsync(postgres, Arg(1, 32), Arg(2, 20), Arg(3, 1_000), Arg(4, 0), Arg(5, 5), spend: true);
        break;
    case "year-end-expiry":
        await YearEndExpiry.RunAsync(postgres, Arg(1, 70_000), Arg(2, 12));
        break;
    case "floor":
        await Floor.RunAsync(postgres, Arg(1, 32), Arg(2, 10));
        break;
    default:
        Console.Error.WriteLine("usage: month-end [households] [entries] | year-end-expiry [households] [batches] | holds|spend [callers] [seconds] [households] [rate] [warm-up] | floor [callers] [seconds]");
        return 2;
}

Console.WriteLine($"total wall time {clock.Elapsed.TotalSeconds:0.0} s");
return 0;
