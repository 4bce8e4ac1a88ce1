using Microsoft.Extensions.Configuration;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// Where a service finds its state. Read from the "Platform" section; the variables that
/// scripts/infra.sh writes (PLATFORM_POSTGRES, PLATFORM_RABBITMQ, PLATFORM_REDIS,
/// PLATFORM_DATA) are accepted as well, so a sourced infra.env is enough.
/// </summary>
public sealed class PlatformOptions
{
    public PlatformMode Mode { get; init; } = PlatformMode.Embedded;

    /// <summary>Folder of the SQLite files in embedded mode.</summary>
    public string DataFolder { get; init; } = Path.Combine(Environment.CurrentDirectory, ".data");

    /// <summary>Npgsql connection string without a database; each service adds its own.</summary>
    public string? Postgres { get; init; }

    /// <summary>amqp://user:password@host:port/vhost</summary>
    public string? RabbitMq { get; init; }

    /// <summary>A StackExchange.Redis configuration string.</summary>
    public string? Redis { get; init; }

    /// <summary>
    /// Whether timed background work (posting closed notices, expiring holds) runs. Tests that
    /// drive it explicitly with a controlled clock switch it off.
    /// </summary>
    public bool BackgroundJobs { get; init; } = true;

    /// <summary>
    /// Put in front of every queue name, so several deployments (or test runs) can share one
    /// broker without taking each other's messages. Empty in production. Prefixed queues are
    /// classic and deleted with their last consumer, so throw-away runs leave nothing behind.
    /// </summary>
    public string QueuePrefix { get; init; } = string.Empty;

    /// <summary>The queue name for an endpoint, with the prefix.</summary>
    public string Queue(string name) => QueuePrefix + name;

    /// <summary>
    /// Whether the hot paths' statements of concurrent calls share a commit (GroupCommit; on by
    /// default). Off, each statement is its own transaction: for measuring what grouping gains.
    /// </summary>
    public bool GroupCommit { get; init; } = true;

    /// <summary>
    /// Whether a SQLite file's writers queue in the process for it (SqliteWriteGate; on by
    /// default). Off, they collide in SQLite: for measuring what the gate gains.
    /// </summary>
    public bool SqliteWriteGate { get; init; } = true;

    /// <summary>Optional database name per service ("scoring" → "platform_scoring" by default).</summary>
    public IReadOnlyDictionary<string, string> Databases { get; init; } = new Dictionary<string, string>();

    // The variables scripts/infra.sh writes, and the settings they stand for.
    private static readonly (string Variable, string Setting)[] Variables =
    [
        ("PLATFORM_MODE", "Mode"), ("PLATFORM_DATA", "DataFolder"), ("PLATFORM_POSTGRES", "Postgres"),
        ("PLATFORM_RABBITMQ", "RabbitMq"), ("PLATFORM_REDIS", "Redis"), ("PLATFORM_QUEUE_PREFIX", "QueuePrefix"),
    ];

    /// <summary>
    /// Binds the "Platform" section, the variables filling what it leaves unset. Read before the
    /// services are registered (the mode decides what is), so a wrong value stops the start here.
    /// </summary>
    public static PlatformOptions From(IConfiguration configuration)
    {
        var withVariables = new ConfigurationBuilder()
            .AddInMemoryCollection(Variables
                .Where(v => configuration[v.Variable] is not null)
                .Select(v => KeyValuePair.Create($"Platform:{v.Setting}", configuration[v.Variable])))
            .AddConfiguration(configuration)
            .Build();
        var bound = SettingsBinder.Bind(withVariables, "Platform", new PlatformOptions());
        return new PlatformOptions
        {
            Mode = bound.Mode,
            DataFolder = Path.GetFullPath(bound.DataFolder),
            Postgres = bound.Postgres,
            RabbitMq = bound.RabbitMq,
            Redis = bound.Redis,
            Databases = bound.Databases.Where(d => !string.IsNullOrWhiteSpace(d.Value))
                .ToDictionary(d => d.Key, d => d.Value, StringComparer.OrdinalIgnoreCase),
            QueuePrefix = bound.QueuePrefix ?? string.Empty,
            BackgroundJobs = bound.BackgroundJobs,
            GroupCommit = bound.GroupCommit,
            SqliteWriteGate = bound.SqliteWriteGate,
        };
    }

    public string DatabaseName(string service) =>
        Databases.TryGetValue(service, out var name) ? name : $"platform_{service}";

    /// <summary>Fails early, naming the missing setting, instead of at the first query.</summary>
    public void RequireDistributedSettings()
    {
        if (Mode != PlatformMode.Distributed)
        {
            return;
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(Postgres)) missing.Add("Platform:Postgres (or PLATFORM_POSTGRES)");
        if (string.IsNullOrWhiteSpace(RabbitMq)) missing.Add("Platform:RabbitMq (or PLATFORM_RABBITMQ)");
        if (string.IsNullOrWhiteSpace(Redis)) missing.Add("Platform:Redis (or PLATFORM_REDIS)");
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                "Distributed mode needs " + string.Join(", ", missing)
                + ". Run scripts/infra.sh up and source .local/infra.env.");
        }
    }
}
