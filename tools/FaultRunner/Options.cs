using System.Globalization;

namespace Platform.FaultRunner;

/// <summary>The command line: which seeds, and what may be overridden of their plans.</summary>
internal sealed record Options(IReadOnlyList<int> Seeds, TimeSpan? LoadFor, int? Faults, bool KeepLogs, bool KeepServers, bool PlanOnly, Ports Ports, TimeSpan? StartNoRunAfter = null)
{
    public const string Usage = """
        usage: dotnet run --project tools/FaultRunner -- [--seeds 1-3 | --seeds 4,9,12 | --long N [--from S]]
                                                         [--load-seconds N] [--faults N] [--keep-logs] [--keep-servers] [--port-base P]
                                                         [--minutes M]
          --seeds     the seeds to run (a short batch; default 1-3)
          --long N    a long batch: N seeds from --from (default 1000)
          --load-seconds / --faults   override the seed's load length and fault count (same seed, shorter run)
          --keep-logs keep every run's logs (a failed run's are always kept, in .local/fault-runs/seed-N/)
          --keep-servers  leave the runner's PostgreSQL, RabbitMQ and Redis running afterwards
          --plan      print each seed's plan (load mix and fault schedule) and run nothing
          --minutes M start no run after M minutes (a long batch in the time there is; the summary says how many ran)
        """;

    public static Options Parse(string[] args)
    {
        var seeds = new List<int>();
        TimeSpan? load = null;
        int? faults = null;
        int? longCount = null;
        var from = 1000;
        var keepLogs = false;
        var keepServers = false;
        var planOnly = false;
        var ports = Ports.FromEnvironment();
        TimeSpan? minutes = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seeds":
                    foreach (var part in Next().Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var range = part.Split('-');
                        var first = int.Parse(range[0], CultureInfo.InvariantCulture);
                        var last = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : first;
                        seeds.AddRange(Enumerable.Range(first, last - first + 1));
                    }

                    break;
                case "--long":
                    longCount = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--from":
                    from = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--load-seconds":
                    load = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--faults":
                    faults = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--keep-logs":
                    keepLogs = true;
                    break;
                case "--keep-servers":
                    keepServers = true;
                    break;
                case "--plan":
                    planOnly = true;
                    break;
                case "--minutes":
                    minutes = TimeSpan.FromMinutes(int.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--port-base":
                    ports = ports with { ServiceBase = int.Parse(Next(), CultureInfo.InvariantCulture) };
                    break;
                default:
                    throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        if (longCount is { } count)
        {
            seeds.AddRange(Enumerable.Range(from, count));
        }

        if (seeds.Count == 0)
        {
            seeds.AddRange([1, 2, 3]);
        }

        return new Options(seeds, load, faults, keepLogs, keepServers, planOnly, ports, minutes);
    }
}
