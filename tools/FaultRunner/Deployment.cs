using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;

namespace Platform.FaultRunner;

/// <summary>
/// The platform of one run in distributed mode: two replicas of Scoring behind a balancer, the
/// slow link in front of that balancer for Redemption, two replicas of Redemption behind a
/// balancer, one Dividends; databases and a RabbitMQ virtual host of the run's own.
/// </summary>
internal sealed class Deployment : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Infra infra;
    private readonly Ports ports;
    private readonly string repo;
    private readonly string logs;

    public Deployment(string repo, Infra infra, Ports ports, int seed, string logs)
    {
        this.repo = repo;
        this.infra = infra;
        this.ports = ports;
        this.logs = logs;
        ScoringDb = $"fr{seed}_scoring";
        RedemptionDb = $"fr{seed}_redemption";
        DividendsDb = $"fr{seed}_dividends";
        VirtualHost = $"fr{seed}";
        Scoring = Channel(ports.ScoringBalancer, Platform.Testing.TestTokens.Everything);
        Redemption = Channel(ports.RedemptionBalancer, Platform.Testing.TestTokens.Everything);
        Dividends = Channel(ports.Dividends, Platform.Testing.TestTokens.Everything);
    }

    public string ScoringDb { get; }

    public string RedemptionDb { get; }

    public string DividendsDb { get; }

    public string VirtualHost { get; }

    public GrpcChannel Scoring { get; }

    public GrpcChannel Redemption { get; }

    public GrpcChannel Dividends { get; }

    public Infra Infra => infra;

    /// <summary>A channel to Dividends that calls with <paramref name="token"/> (a board member signing in his or her own name); the caller disposes it.</summary>
    public GrpcChannel DividendsAs(string token) => Channel(ports.Dividends, token);

    public SlowLink? Link { get; private set; }

    public List<Node> ScoringReplicas { get; } = [];

    public List<Node> RedemptionReplicas { get; } = [];

    public Node? DividendsNode { get; private set; }

    private List<Node> Balancers { get; } = [];

    public IEnumerable<Node> Services => ScoringReplicas.Concat(RedemptionReplicas).Concat(DividendsNode is null ? [] : [DividendsNode]);

    public async Task StartAsync(TextWriter log)
    {
        await EnsureTemplatesAsync(log);
        await infra.CreateDatabasesAsync([(ScoringDb, Template("scoring")), (RedemptionDb, Template("redemption")), (DividendsDb, Template("dividends"))]);
        await AddVirtualHostAsync(log, VirtualHost);
        await infra.FlushRedisAsync();

        for (var i = 1; i <= 2; i++)
        {
            ScoringReplicas.Add(Service($"scoring-{i}", "Scoring", "scoring", ScoringDb, ports.Scoring(i), VirtualHost, []));
            RedemptionReplicas.Add(Service($"redemption-{i}", "Redemption", "redemption", RedemptionDb, ports.Redemption(i), VirtualHost,
            [
                $"--Redemption:ScoringAddress=http://127.0.0.1:{ports.SlowLink}",
                "--Redemption:RecoveryIntervalSeconds=1",
                "--Redemption:RecoveryMinimumAgeSeconds=2",
            ]));
        }

        DividendsNode = Service("dividends", "Dividends", "dividends", DividendsDb, ports.Dividends, VirtualHost, []);
        Link = new SlowLink(ports.SlowLink, ports.ScoringBalancer);
        // The databases are copies of migrated templates, so no replica has a migration to run and all start at once.
        Balancers.Add(Balancer("lb-scoring", ports.ScoringBalancer, ScoringReplicas));
        Balancers.Add(Balancer("lb-redemption", ports.RedemptionBalancer, RedemptionReplicas));
        await Task.WhenAll(Services.Concat(Balancers).Select(n => n.StartAsync(StartTimeout)));
    }

    /// <summary>
    /// Once per batch (per <see cref="Infra"/>, whose servers hold the templates): each service
    /// migrates a template database of its own (started once against it, then stopped), so that
    /// every run's databases are made by CREATE DATABASE … TEMPLATE in a fraction of a second, with
    /// the schema of this checkout.
    /// </summary>
    private async Task EnsureTemplatesAsync(TextWriter log)
    {
        if (infra.TemplatesMigrated)
        {
            return;
        }

        const string vhost = "fr-template";
        await infra.CreateDatabasesAsync([(Template("scoring"), null), (Template("redemption"), null), (Template("dividends"), null)]);
        await AddVirtualHostAsync(log, vhost);
        var migrators = new[]
        {
            Service("template-scoring", "Scoring", "scoring", Template("scoring"), ports.Scoring(1), vhost, []),
            Service("template-redemption", "Redemption", "redemption", Template("redemption"), ports.Redemption(1), vhost, []),
            Service("template-dividends", "Dividends", "dividends", Template("dividends"), ports.Dividends, vhost, []),
        };
        try
        {
            await Task.WhenAll(migrators.Select(m => m.StartAsync(StartTimeout)));
        }
        finally
        {
            foreach (var migrator in migrators)
            {
                migrator.Dispose();
            }
        }

        await log.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss.fff} template databases migrated");
        infra.TemplatesMigrated = true;
    }

    /// <summary>A new, empty virtual host: one a failed run of the same seed left is deleted first (add_vhost of an existing one succeeds and keeps its queues).</summary>
    private async Task AddVirtualHostAsync(TextWriter log, string vhost)
    {
        await infra.RabbitCtlAsync(log, "delete_vhost", vhost).ContinueWith(_ => { }, TaskScheduler.Default);
        await infra.RabbitCtlAsync(log, "add_vhost", vhost);
        await infra.RabbitCtlAsync(log, "set_permissions", "-p", vhost, "platform", ".*", ".*", ".*");
    }

    private static string Template(string service) => $"fr_template_{service}";

    /// <summary>Starts again every process that is not running (after a kill whose restart failed, or before the checks).</summary>
    public async Task EnsureRunningAsync()
    {
        foreach (var node in Services.Concat(Balancers).Where(n => !n.Alive))
        {
            await node.StartAsync(StartTimeout);
        }
    }

    public static Task RestartAsync(Node node) => node.StartAsync(StartTimeout);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Services.Concat(Balancers))
        {
            node.Dispose();
        }

        if (Link is not null)
        {
            await Link.DisposeAsync();
        }

        Scoring.Dispose();
        Redemption.Dispose();
        Dividends.Dispose();
    }

    /// <summary>After a run that passed: its databases and virtual host go (a failed run's stay for inspection).</summary>
    public async Task DropAsync(TextWriter log)
    {
        await infra.DropDatabasesAsync([ScoringDb, RedemptionDb, DividendsDb]);
        await infra.RabbitCtlAsync(log, "delete_vhost", VirtualHost);
    }

    private static GrpcChannel Channel(int port, string token)
    {
        var credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer " + token);
            return Task.CompletedTask;
        });
        return GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
        });
    }

    private Node Service(string name, string project, string health, string database, int port, string vhost, string[] extra)
    {
        var dll = Path.Combine(repo, "services", project, "bin", Configuration, "net10.0", $"Platform.{project}.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is not built: dotnet build tools/FaultRunner builds it.");
        }

        string[] args =
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--contentRoot={Path.Combine(repo, "services", project)}",
            "--Platform:Mode=Distributed",
            $"--Platform:Postgres={infra.Postgres}",
            $"--Platform:RabbitMq={infra.RabbitMq(vhost)}",
            $"--Platform:Redis={infra.Redis},abortConnect=false",
            $"--Platform:Databases:{health}={database}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Platform=Information",
            "--Logging:Console:FormatterName=simple",
            "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
            .. extra,
        ];
        return new Node(name, dll, args, port, health, Path.Combine(logs, $"{name}.log"));
    }

    private Node Balancer(string name, int port, List<Node> backends)
    {
        var dll = Path.Combine(repo, "tools", "LoadBalancer", "bin", Configuration, "net10.0", "Platform.LoadBalancer.dll");
        var args = new List<string> { port.ToString(CultureInfo.InvariantCulture) };
        args.AddRange(backends.Select(b => $"http://127.0.0.1:{b.Port}"));
        return new Node(name, dll, args, port, null, Path.Combine(logs, $"{name}.log"));
    }

    private static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
}
