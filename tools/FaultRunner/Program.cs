using System.Globalization;
using Platform.FaultRunner;

// Seeded fault runs of the distributed platform (issue 20, docs/reliability.md): for each seed,
// the platform is started fresh on the runner's own servers, loaded while the seed's faults
// strike, drained and checked. One line per run; a violation names its seed, check and first
// offending row, and the run's logs are kept under .local/fault-runs/seed-N/.
Options options;
try
{
    options = Options.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Options.Usage);
    return 2;
}

if (options.PlanOnly)
{
    foreach (var seed in options.Seeds)
    {
        Console.WriteLine($"seed {seed}: {RunPlan.From(seed, options.LoadFor, options.Faults).Describe()}");
    }

    return 0;
}

var repo = new DirectoryInfo(AppContext.BaseDirectory);
while (!File.Exists(Path.Combine(repo.FullName, "Platform.sln")))
{
    repo = repo.Parent ?? throw new DirectoryNotFoundException("Platform.sln not found above the runner.");
}

var infra = new Infra(repo.FullName, options.Ports);
// Stopped with Ctrl-C or SIGTERM: the services and balancers it started go with it (the servers stay: scripts/fault-runner.sh down).
AppDomain.CurrentDomain.ProcessExit += (_, _) => Node.KillAll();
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => Node.KillAll());
using var onInt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, _ => Node.KillAll());
var folder = Path.Combine(repo.FullName, ".local", "fault-runs");
Directory.CreateDirectory(folder);
var results = Path.Combine(folder, "results.tsv");
Console.WriteLine($"fault runner: seeds {Describe(options.Seeds)}; servers PostgreSQL :{options.Ports.Postgres}, RabbitMQ :{options.Ports.Amqp}, Redis :{options.Ports.Redis}; services from :{options.Ports.ServiceBase}");
var runner = new Runner(repo.FullName, infra, options.Ports, options);
var failed = new List<int>();
var faultTotals = new SortedDictionary<string, int>(StringComparer.Ordinal);
var started = DateTime.UtcNow;
var ran = 0;
try
{
    foreach (var seed in options.Seeds)
    {
        if (options.StartNoRunAfter is { } budget && DateTime.UtcNow - started > budget)
        {
            Console.WriteLine($"--minutes {budget.TotalMinutes:0} have passed: seed {seed} and the {options.Seeds.Count - ran - 1} after it are not run");
            break;
        }

        ran++;
        var result = await runner.RunAsync(seed);
        Console.WriteLine(result.Line());
        foreach (var (kind, count) in result.Faults)
        {
            faultTotals[kind] = faultTotals.GetValueOrDefault(kind) + count;
        }

        if (!result.Passed)
        {
            failed.Add(seed);
            foreach (var verdict in result.Verdicts.Where(v => !v.Passed))
            {
                Console.WriteLine($"  VIOLATION seed {seed} check {verdict.Check}: {verdict.Detail}");
            }

            Console.WriteLine($"  logs kept in {result.Logs}");
            Console.WriteLine($"  replay: dotnet run --project tools/FaultRunner -- --seeds {seed}" +
                (options.LoadFor is { } load ? $" --load-seconds {load.TotalSeconds:0}" : string.Empty) +
                (options.Faults is { } count ? $" --faults {count}" : string.Empty) + " --keep-logs");
        }

        await File.AppendAllTextAsync(results, string.Join('\t', DateTime.UtcNow.ToString("s", CultureInfo.InvariantCulture), seed, result.Passed ? "PASS" : "FAIL",
            string.Join(' ', result.Faults.Select(f => $"{f.Key}={f.Value}")), result.Operations,
            string.Join("; ", result.Verdicts.Where(v => !v.Passed).Select(v => $"{v.Check}: {v.Detail}")), $"{result.Took.TotalSeconds:0}") + "\n");
    }
}
finally
{
    if (!options.KeepServers)
    {
        try
        {
            await infra.DownAsync(TextWriter.Null);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"infra down: {ex.Message}");
        }
    }
}

Console.WriteLine($"{ran} runs in {(DateTime.UtcNow - started).TotalMinutes:0.0} min: {ran - failed.Count} passed, {failed.Count} with violations" +
    (failed.Count > 0 ? $" (seeds {string.Join(",", failed)})" : string.Empty) +
    $"; faults injected: {string.Join(", ", faultTotals.Select(f => $"{f.Key} {f.Value}"))}");
return failed.Count == 0 ? 0 : 1;

static string Describe(IReadOnlyList<int> seeds) => seeds.Count <= 5 ? string.Join(",", seeds) : $"{seeds[0]}…{seeds[^1]} ({seeds.Count})";
