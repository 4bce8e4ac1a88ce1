using System.Diagnostics;

namespace Platform.Testing;

/// <summary>
/// CPU time used by this process (the benchmark: the load generator, and the service when it runs
/// in-process) and by the PostgreSQL and RabbitMQ processes on this machine, read from /proc, for
/// the benchmarks. On a machine shared with other work, CPU time per call is steadier than calls
/// per second. PostgreSQL backends that end between two readings take their time with them, so
/// the PostgreSQL figure is a lower bound.
/// </summary>
public readonly record struct CpuMeter(TimeSpan Self, TimeSpan Postgres, TimeSpan RabbitMq)
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
                var (comm, ticks) = Stat(dir);
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

    /// <summary>CPU time (user and system) a process has used so far.</summary>
    public static TimeSpan ProcessTime(int pid) => TimeSpan.FromSeconds(Stat($"/proc/{pid}").Ticks / TicksPerSecond);

    // The command name and utime + stime (fields 14 and 15) of /proc/PID/stat; the name may hold
    // spaces and parentheses, so the fields are counted from its last closing parenthesis.
    private static (string Comm, long Ticks) Stat(string dir)
    {
        var stat = File.ReadAllText(Path.Combine(dir, "stat"));
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        var fields = stat[(close + 2)..].Split(' ');
        return (stat[(open + 1)..close],
            long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static CpuMeter operator -(CpuMeter a, CpuMeter b) => new(a.Self - b.Self, a.Postgres - b.Postgres, a.RabbitMq - b.RabbitMq);
}
