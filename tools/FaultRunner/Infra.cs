using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Platform.FaultRunner;

/// <summary>
/// The runner's own PostgreSQL, RabbitMQ and Redis, started by scripts/infra.sh of this
/// repository on ports of the runner's own (never the defaults another checkout uses), and the
/// ways to kill them, flush them and give each run a database set and a virtual host of its own.
/// </summary>
internal sealed class Infra(string repo, Ports ports)
{
    private readonly string folder = Path.Combine(repo, ".local", "infra");
    private bool upOnce;

    /// <summary>Whether this batch's services have migrated their template databases on these servers (<see cref="Deployment"/>).</summary>
    public bool TemplatesMigrated { get; set; }

    public string Postgres => $"Host=127.0.0.1;Port={ports.Postgres};Username=platform;Password=platform;Timeout=5;Command Timeout=60";

    public string Redis => $"127.0.0.1:{ports.Redis}";

    public string RabbitMq(string vhost) => $"amqp://platform:platform@127.0.0.1:{ports.Amqp}/{vhost}";

    /// <summary>The runner's own connections: unpooled, so none survives a kill of the server to fail the next run.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder(Postgres) { Database = database, Pooling = false }.ConnectionString;

    /// <summary>Starts whatever of the three is not running (infra.sh up is safe to run again) and waits until each answers.</summary>
    public Task UpAsync(TextWriter log) => ScriptAsync(log, "up");

    /// <summary>
    /// <see cref="UpAsync"/> only when one of the three does not take connections: infra.sh up costs
    /// several seconds even when all run (it asks RabbitMQ through rabbitmqctl). A server killed by a
    /// fault has been started again, and waited for, by the fault driver. The batch's first call always
    /// runs infra.sh up, which also refuses ports that servers of another checkout hold.
    /// </summary>
    public async Task EnsureUpAsync(TextWriter log)
    {
        if (!upOnce)
        {
            await UpAsync(log);
            upOnce = true;
            return;
        }

        foreach (var port in new[] { ports.Postgres, ports.Amqp, ports.Redis })
        {
            using var client = new System.Net.Sockets.TcpClient();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, timeout.Token);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
            {
                await UpAsync(log);
                return;
            }
        }
    }

    public Task DownAsync(TextWriter log) => ScriptAsync(log, "down");

    public Task RabbitCtlAsync(TextWriter log, params string[] args) => ScriptAsync(log, ["rabbitmqctl", .. args]);

    /// <summary>Messages in each queue of the virtual host (ready and unacknowledged).</summary>
    public async Task<Dictionary<string, long>> QueueDepthsAsync(string vhost)
    {
        var output = await ScriptAsync(TextWriter.Null, "rabbitmqctl", "-q", "list_queues", "-p", vhost, "name", "messages");
        var depths = new Dictionary<string, long>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 2 && long.TryParse(fields[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var messages))
            {
                depths[fields[0].Trim()] = messages;
            }
        }

        return depths;
    }

    /// <summary>kill -9 of the postmaster and every process it started (a crash of the database server).</summary>
    public int KillPostgres()
    {
        var data = Path.Combine(ResolvedPostgresRoot(), "data", "postmaster.pid");
        return KillTree(data);
    }

    /// <summary>kill -9 of the Erlang VM and of the start script that launched it (a crash of the broker).</summary>
    public int KillRabbitMq()
    {
        var killed = KillTree(Path.Combine(folder, "rabbitmq", "beam.pid"));
        killed += KillTree(Path.Combine(folder, "rabbitmq", "rabbitmq-server.pid"));
        return killed;
    }

    public async Task FlushRedisAsync()
    {
        await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{Redis},allowAdmin=true,abortConnect=false");
        foreach (var server in redis.GetServers())
        {
            await server.FlushAllDatabasesAsync();
        }
    }

    /// <summary>Each database made anew, empty or as a copy of its template (whose lingering sessions are ended first: a template must have none).</summary>
    public async Task CreateDatabasesAsync(IEnumerable<(string Name, string? Template)> databases)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        foreach (var (name, template) in databases)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            if (template is not null)
            {
                await using var end = new NpgsqlCommand("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @template", connection);
                end.Parameters.AddWithValue("template", template);
                await end.ExecuteScalarAsync();
            }

            await using var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
            await create.ExecuteNonQueryAsync();
        }
    }

    public async Task DropDatabasesAsync(IEnumerable<string> names)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private string ResolvedPostgresRoot()
    {
        var root = Path.Combine(folder, "postgres");
        var info = new DirectoryInfo(root);
        return info.LinkTarget is { } target ? Path.GetFullPath(target, folder) : root;
    }

    /// <summary>SIGKILL to the process in the pid file and then to its children (found by parent pid).</summary>
    private static int KillTree(string pidFile)
    {
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return 0;
        }

        var children = ChildrenOf(pid);
        var killed = Kill(pid) ? 1 : 0;
        foreach (var child in children)
        {
            killed += Kill(child) ? 1 : 0;
        }

        return killed;
    }

    private static bool Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(); // SIGKILL on Linux
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static List<int> ChildrenOf(int parent)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    /// <summary>
    /// The failure in one line, for the run's verdict: the server's FATAL lines and infra.sh's own
    /// last word ("pg_ctl: could not start server" alone says nothing; the log tail says why).
    /// </summary>
    private static string Why(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var telling = lines.Where(line => line.Contains("FATAL", StringComparison.Ordinal) || line.Contains("PANIC", StringComparison.Ordinal) || line.StartsWith("infra:", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        return telling.Count > 0 ? string.Join(" / ", telling) : lines.LastOrDefault() ?? "(nothing on stderr)";
    }

    private async Task<string> ScriptAsync(TextWriter log, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repo };
        info.ArgumentList.Add(Path.Combine(repo, "scripts", "infra.sh"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Ours, not a server another checkout named in the environment.
        info.Environment.Remove("PLATFORM_POSTGRES");
        info.Environment.Remove("PLATFORM_RABBITMQ");
        info.Environment.Remove("PLATFORM_REDIS");
        info.Environment["PLATFORM_PG_PORT"] = ports.Postgres.ToString(CultureInfo.InvariantCulture);
        info.Environment["PLATFORM_REDIS_PORT"] = ports.Redis.ToString(CultureInfo.InvariantCulture);
        info.Environment["PLATFORM_AMQP_PORT"] = ports.Amqp.ToString(CultureInfo.InvariantCulture);
        info.Environment["PLATFORM_EPMD_PORT"] = ports.Epmd.ToString(CultureInfo.InvariantCulture);
        info.Environment["PLATFORM_RABBIT_DIST_PORT"] = ports.RabbitDist.ToString(CultureInfo.InvariantCulture);
        info.Environment["PLATFORM_INFRA_TIMEOUT"] = "120";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        await log.WriteLineAsync($"[{DateTime.UtcNow:HH:mm:ss.fff} infra.sh {string.Join(' ', args)}] exit {process.ExitCode}\n{await output}{await error}");
        await log.FlushAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/infra.sh {string.Join(' ', args)} failed (exit {process.ExitCode}): {Why(await error)}");
        }

        return await output;
    }
}
