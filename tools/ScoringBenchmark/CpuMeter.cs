using System.Diagnostics;

namespace Platform.ScoringBenchmark;

/// <summary>
/// CPU time used by this process (the service and the load generator) and by the PostgreSQL and
/// RabbitMQ processes on this machine, read from /proc. On a machine shared with other work,
/// CPU time per call is steadier than calls per second.
/// </summary>
internal readonly record struct CpuMeter(TimeSpan Self, TimeSpan Postgres, TimeSpan RabbitMq)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public static CpuMeter Read()
    {
        var postgres = 0L;
        var rabbit = 0L;
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (!int.TryParse(Path.GetFileName(dir), out _))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                var comm = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // utime + stime
                if (comm == "postgres")
                {
                    postgres += ticks;
                }
                else if (comm.StartsWith("beam", StringComparison.Ordinal))
                {
                    rabbit += ticks;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while we looked.
            }
        }

        return new CpuMeter(Process.GetCurrentProcess().TotalProcessorTime,
            TimeSpan.FromSeconds(postgres / TicksPerSecond), TimeSpan.FromSeconds(rabbit / TicksPerSecond));
    }

    public static CpuMeter operator -(CpuMeter a, CpuMeter b) => new(a.Self - b.Self, a.Postgres - b.Postgres, a.RabbitMq - b.RabbitMq);
}
