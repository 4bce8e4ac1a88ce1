namespace Platform.FaultRunner;

/// <summary>
/// Every port the runner uses: its servers' (passed to scripts/infra.sh) and its processes'
/// (the replicas, the balancers, the slow link), all away from the defaults (47xxx, 5181–5184, 52xx).
/// The processes' ports are below Linux's ephemeral range (32768–60999): a replica started again
/// on a port inside it found it taken by some outgoing connection.
/// </summary>
internal sealed record Ports(int Postgres, int Redis, int Amqp, int Epmd, int RabbitDist, int ServiceBase)
{
    public static readonly Ports Default = new(48432, 48379, 48672, 48369, 48673, 27700);

    public int ScoringBalancer => ServiceBase;

    public int Scoring(int replica) => ServiceBase + replica;

    public int SlowLink => ServiceBase + 5;

    public int RedemptionBalancer => ServiceBase + 10;

    public int Redemption(int replica) => ServiceBase + 10 + replica;

    public int Dividends => ServiceBase + 20;
}
