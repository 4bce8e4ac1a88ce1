namespace Platform.FaultRunner;

/// <summary>
/// Every port the runner uses: its servers' (passed to scripts/infra.sh) and its processes'
/// (the replicas, the balancers, the slow link), all away from the defaults (23xxx, 5181–5184, 52xx).
/// All are below Linux's ephemeral range (32768–60999), where outgoing connections take their
/// source ports: a replica, and in CI PostgreSQL, started again on a port inside it found the port
/// taken by a client's socket (ESTABLISHED, or TIME-WAIT for a minute) and could not listen.
/// </summary>
internal sealed record Ports(int Postgres, int Redis, int Amqp, int Epmd, int RabbitDist, int ServiceBase)
{
    public static readonly Ports Default = new(24432, 24379, 24672, 24369, 24673, 27700);

    /// <summary>The defaults, or the servers' ports scripts/infra.sh reads from the environment (PLATFORM_PG_PORT, …), so that two batches can run side by side.</summary>
    public static Ports FromEnvironment() => new(
        Read("PLATFORM_PG_PORT", Default.Postgres),
        Read("PLATFORM_REDIS_PORT", Default.Redis),
        Read("PLATFORM_AMQP_PORT", Default.Amqp),
        Read("PLATFORM_EPMD_PORT", Default.Epmd),
        Read("PLATFORM_RABBIT_DIST_PORT", Default.RabbitDist),
        Default.ServiceBase);

    public int ScoringBalancer => ServiceBase;

    public int Scoring(int replica) => ServiceBase + replica;

    public int SlowLink => ServiceBase + 5;

    public int RedemptionBalancer => ServiceBase + 10;

    public int Redemption(int replica) => ServiceBase + 10 + replica;

    public int Dividends => ServiceBase + 20;

    private static int Read(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : fallback;
}
