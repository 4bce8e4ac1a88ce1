using Npgsql;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// Scoring and Redemption as processes of their own on PostgreSQL, RabbitMQ and Redis, as in a
/// county deployment, each with a database and queues of its own. A village of the test's own
/// is registered through Scoring's API (so Redemption learns of it and its households over
/// RabbitMQ), and a supermarket with 16 counters and five items is set up through Redemption's.
/// </summary>
internal sealed class CounterDeployment : IAsyncDisposable
{
    public static readonly (string Sku, long Price)[] Items = [("RICE", 30), ("OIL", 20), ("ZONGZI", 15), ("SOAP", 7), ("EGGS", 11)];

    private readonly string prefix = $"it-{Guid.NewGuid():N}"[..11] + "-";
    private string scoringDb = null!;
    private string redemptionDb = null!;
    private IReadOnlyDictionary<string, string?> extraSettings = new Dictionary<string, string?>();

    public string Village { get; } = "CT" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);

    public string Supermarket => "SM-" + Village;

    public ServiceProcess Scoring { get; private set; } = null!;

    public ServiceProcess Redemption { get; private set; } = null!;

    public Counter.CounterClient Counter => new(Redemption.Channel);

    public ScoringApi.Ledger.LedgerClient Ledger => new(Scoring.Channel);

    public Reports.ReportsClient Reports => new(Redemption.Channel);

    public Goods.GoodsClient Goods => new(Redemption.Channel);

    public Stock.StockClient Stock => new(Redemption.Channel);

    /// <summary>Redemption's own database, for tests that check what a statement wrote.</summary>
    public string RedemptionDatabase => redemptionDb;

    public string ScoringDatabase => scoringDb;

    public static string CounterCode(int n) => $"C{n:00}";

    public string Household(int n) => $"{n:000}";

    /// <param name="settings">Further settings for both processes, on top of these (and able to replace them).</param>
    public static async Task<CounterDeployment> StartAsync(int households, long points, long unitsPerItem,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var deployment = new CounterDeployment();
        deployment.extraSettings = settings ?? deployment.extraSettings;
        deployment.scoringDb = await Servers.CreateDatabaseAsync("scoring");
        deployment.redemptionDb = await Servers.CreateDatabaseAsync("redemption");
        deployment.Scoring = await ServiceProcess.StartAsync("Scoring", deployment.Settings("scoring", deployment.scoringDb));
        deployment.Redemption = await deployment.StartRedemptionAsync();
        await deployment.SeedAsync(households, points, unitsPerItem);
        return deployment;
    }

    /// <summary>
    /// Starts (or starts again) the Redemption process on its database, by default on a port below
    /// the ephemeral range (<see cref="ServiceProcess.RestartablePort"/>): tests start it again on its port.
    /// </summary>
    public Task<ServiceProcess> StartRedemptionAsync(bool crashAfterSpend = false, int? port = null)
    {
        var settings = Settings("redemption", redemptionDb);
        settings["Redemption:ScoringAddress"] = Scoring.Address.ToString();
        settings["Redemption:RecoveryIntervalSeconds"] = "1";
        settings["Redemption:RecoveryMinimumAgeSeconds"] = "2";
        settings[$"Platform:FailPoints:{Platform.Redemption.Orders.RedemptionFailPoints.AfterSpend}"] = crashAfterSpend ? "crash" : "off";
        return ServiceProcess.StartAsync("Redemption", settings, port ?? ServiceProcess.RestartablePort());
    }

    public async Task ReplaceRedemptionAsync(ServiceProcess process)
    {
        await Redemption.DisposeAsync();
        Redemption = process;
    }

    public async ValueTask DisposeAsync()
    {
        if (Redemption is not null)
        {
            await Redemption.DisposeAsync();
        }

        if (Scoring is not null)
        {
            await Scoring.DisposeAsync();
        }

        await Servers.DropDatabaseAsync(redemptionDb);
        await Servers.DropDatabaseAsync(scoringDb);
    }

    private Dictionary<string, string?> Settings(string service, string database)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Distributed",
            ["Platform:Postgres"] = Servers.Postgres,
            ["Platform:RabbitMq"] = Servers.RabbitMq,
            ["Platform:Redis"] = Servers.Redis,
            [$"Platform:Databases:{service}"] = database,
            ["Platform:QueuePrefix"] = prefix,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:FormatterName"] = "simple",
        };
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    private async Task SeedAsync(int households, long points, long unitsPerItem)
    {
        await new ScoringApi.Villages.VillagesClient(Scoring.Channel).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
        {
            IdempotencyKey = "setup-village",
            Code = Village,
            Name = "Baishui",
            Township = "Hexi Township",
            County = "Anle County",
        });
        await new ScoringApi.Households.HouseholdsClient(Scoring.Channel).RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
        {
            IdempotencyKey = "seed-" + Village,
            VillageCode = Village,
            Actor = "clerk Sun Li",
            Households = { Enumerable.Range(1, households).Select(n => new ScoringApi.NewHousehold { HouseholdNumber = Household(n), HeadName = $"Head {n}", MemberCount = 3 }) },
        });

        // Opening balances are written into the ledger as award entries with their account
        // totals, as posting would leave them: the public-notice window of a real award is
        // days long, and awards are Scoring's own tests' concern.
        await using (var connection = new NpgsqlConnection(Servers.ConnectionString(scoringDb)))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period)
                SELECT id, village_code, 1, @points, 'test seed', now(), 'opening grant', 'seed-' || id, to_char(now(), 'YYYY-MM')
                FROM households WHERE village_code = @village;
                UPDATE accounts SET balance = balance + @points, awarded = awarded + @points WHERE village_code = @village;
                """, connection);
            command.Parameters.AddWithValue("points", points);
            command.Parameters.AddWithValue("village", Village);
            await command.ExecuteNonQueryAsync();
        }

        var supermarkets = new Supermarkets.SupermarketsClient(Redemption.Channel);
        await Poller.UntilAsync(async () => (await supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Any(v => v.Code == Village),
            "Redemption learns of the village over RabbitMQ", TimeSpan.FromSeconds(30));
        await supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = Supermarket,
            Name = "Baishui Love Supermarket",
            VillageCodes = { Village },
            CounterCodes = { Enumerable.Range(1, 16).Select(n => $"{Supermarket}-{CounterCode(n)}") },
        });
        var stock = new Stock.StockClient(Redemption.Channel);
        foreach (var (sku, price) in Items)
        {
            await Goods.DefineItemAsync(new DefineItemRequest
            {
                IdempotencyKey = $"define-{sku}",
                SupermarketCode = Supermarket,
                Sku = sku,
                Name = sku.ToLowerInvariant(),
                Unit = "piece",
                PricePoints = price,
                Actor = "clerk Sun Li",
            });
            await stock.ReceiveDonationAsync(new ReceiveDonationRequest
            {
                IdempotencyKey = $"donate-{sku}",
                SupermarketCode = Supermarket,
                Sku = sku,
                Quantity = unitsPerItem,
                DonorName = "Anle Grain Co.",
                DonorKind = DonorKind.Company,
                ValueFen = unitsPerItem * 100,
                Actor = "clerk Sun Li",
            });
        }
    }
}
