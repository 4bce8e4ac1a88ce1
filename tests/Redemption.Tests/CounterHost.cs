using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Redemption.V1;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.Redemption.ScoringLink;
using Platform.Testing;
using Xunit;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.RedemptionTests;

/// <summary>
/// The embedded host (Scoring, Redemption and Dividends in one process, SQLite, the in-memory
/// bus) with a clock the test moves and background jobs off. Village V1 has households 001–006;
/// 001–005 hold 300 points each, 006 none. 001 has someone over 70, 002 is a registered
/// poverty household. Supermarket SM1 serves V1 at counters C1 and C2; SM2 serves V2.
/// SM1 lists RICE (30 points, 2 a month), OIL (20 points, over-70 households only) and
/// ZONGZI (15 points, low stock below 5); SM2 lists RICE.
/// </summary>
public sealed class CounterHost : IAsyncDisposable
{
    public const string Village = "V1";
    public const long StartingPoints = 300;

    private readonly TempFolder data = new();
    private int keys;

    private CounterHost()
    {
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero));

    public RunningApp App { get; private set; } = null!;

    public Counter.CounterClient Counter => new(App.Channel);

    public Goods.GoodsClient Goods => new(App.Channel);

    public Stock.StockClient Stock => new(App.Channel);

    public Reports.ReportsClient Reports => new(App.Channel);

    public Supermarkets.SupermarketsClient Supermarkets => new(App.Channel);

    public ScoringApi.Ledger.LedgerClient Ledger => new(App.Channel);

    public string Key(string kind = "key") => $"{kind}-{Interlocked.Increment(ref keys)}";

    /// <param name="scoring">Replaces Redemption's link to Scoring, e.g. with one that fails on cue.</param>
    public static async Task<CounterHost> StartAsync(Func<IServiceProvider, ScoringLedger>? scoring = null)
    {
        var host = new CounterHost();
        host.App = await RunningApp.StartAsync(
            args => Platform.Host.Program.Build(args, s =>
            {
                s.AddSingleton<TimeProvider>(host.Clock);
                if (scoring is not null)
                {
                    s.AddScoped(scoring);
                }
            }),
            new Dictionary<string, string?>
            {
                ["Platform:Mode"] = "Embedded",
                ["Platform:DataFolder"] = host.data.Path,
                ["Platform:BackgroundJobs"] = "false",
            });
        await host.SeedAsync();
        return host;
    }

    public async Task<long> AvailableAsync(string number) =>
        (await Ledger.GetBalanceAsync(new ScoringApi.HouseholdRef { VillageCode = Village, HouseholdNumber = number })).Available;

    public async Task<Item> ItemAsync(string sku, string supermarket = "SM1") =>
        await Goods.GetItemAsync(new GetItemRequest { SupermarketCode = supermarket, Sku = sku });

    public async Task<Receipt> RedeemAsync(string orderId, string household, params (string Sku, int Quantity)[] lines) =>
        await Counter.RedeemAsync(Order(orderId, household, lines));

    public static RedeemRequest Order(string orderId, string household, params (string Sku, int Quantity)[] lines) => new()
    {
        OrderId = orderId,
        CounterCode = "C1",
        HouseholdNumber = household,
        Actor = "clerk Zhou Hong",
        Lines = { lines.Select(l => new RedeemLine { Sku = l.Sku, Quantity = l.Quantity }) },
    };

    /// <summary>Runs one pass of the recovery worker, as the background job would.</summary>
    public async Task<int> RecoverAsync(TimeSpan olderThan)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await RecoveryWorker.RunOnceAsync(scope.ServiceProvider, olderThan, CancellationToken.None);
    }

    /// <summary>
    /// Stock invariants: every item's on hand equals the sum of its movements and of its lots;
    /// reserved is within on hand and equals what pending orders hold.
    /// </summary>
    public async Task AssertStockInvariantsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RedemptionDb>();
        var items = await db.Items.AsNoTracking().ToListAsync();
        var movements = await db.Movements.AsNoTracking().GroupBy(m => new { m.SupermarketCode, m.Sku })
            .Select(g => new { g.Key.SupermarketCode, g.Key.Sku, Sum = g.Sum(m => m.Quantity) }).ToListAsync();
        var lots = await db.Lots.AsNoTracking().GroupBy(l => new { l.SupermarketCode, l.Sku })
            .Select(g => new { g.Key.SupermarketCode, g.Key.Sku, Sum = g.Sum(l => l.OnHand) }).ToListAsync();
        var pending = await db.OrderLines.AsNoTracking()
            .Join(db.Orders.AsNoTracking().Where(o => o.Status == Platform.Redemption.Orders.OrderStatus.Pending), l => l.OrderId, o => o.Id, (l, o) => new { o.SupermarketCode, l.Sku, l.Quantity })
            .ToListAsync();
        foreach (var item in items)
        {
            Assert.Equal(movements.FirstOrDefault(m => m.SupermarketCode == item.SupermarketCode && m.Sku == item.Sku)?.Sum ?? 0, item.OnHand);
            Assert.Equal(lots.FirstOrDefault(l => l.SupermarketCode == item.SupermarketCode && l.Sku == item.Sku)?.Sum ?? 0, item.OnHand);
            Assert.Equal(pending.Where(p => p.SupermarketCode == item.SupermarketCode && p.Sku == item.Sku).Sum(p => (long)p.Quantity), item.Reserved);
            Assert.InRange(item.Reserved, 0, item.OnHand);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        data.Dispose();
    }

    private async Task SeedAsync()
    {
        var villages = new ScoringApi.Villages.VillagesClient(App.Channel);
        await villages.RegisterVillageAsync(new ScoringApi.RegisterVillageRequest { IdempotencyKey = "setup-village", Code = Village, Name = "Dongshan", Township = "Qiaoli Township", County = "Anle County" });
        await villages.RegisterVillageAsync(new ScoringApi.RegisterVillageRequest { IdempotencyKey = "setup-village-v2", Code = "V2", Name = "Xishan", Township = "Qiaoli Township", County = "Anle County" });
        string[] heads = ["Wang Xiulan", "Li Jianguo", "Zhao Min", "Chen Guiying", "Liu Fang", "Sun Dehai"];
        await new ScoringApi.Households.HouseholdsClient(App.Channel).RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
        {
            IdempotencyKey = "setup", VillageCode = Village, Actor = "clerk Zhou Hong",
            Households =
            {
                heads.Select((h, i) => new ScoringApi.NewHousehold
                {
                    HouseholdNumber = $"00{i + 1}", HeadName = h, MemberCount = 3, HasMemberOver70 = i == 0, PovertyRegistered = i == 1,
                }),
            },
        });
        var panels = new ScoringApi.Panels.PanelsClient(App.Channel);
        foreach (var (id, name, number) in new[] { ("m1", "Wang Xiulan", "001"), ("m2", "Li Jianguo", "002"), ("m3", "Zhao Min", "003") })
        {
            await panels.SetPanelMemberAsync(new ScoringApi.SetPanelMemberRequest
            {
                IdempotencyKey = $"setup-member-{id}", VillageCode = Village, Actor = "clerk Zhou Hong",
                Member = new ScoringApi.PanelMember { MemberId = id, Name = name, Role = ScoringApi.PanelRole.VillagersRepresentative, HouseholdNumber = number },
            });
        }

        // This village lets the proposer approve too (panel rules; a new village does not).
        await panels.SetPanelRulesAsync(new ScoringApi.SetPanelRulesRequest
        {
            IdempotencyKey = "setup-rules", VillageCode = Village, Actor = "clerk Zhou Hong", Rules = new ScoringApi.PanelRules { ProposerMayApprove = true },
        });

        await new ScoringApi.Rules.RulesClient(App.Channel).DefineRuleAsync(new ScoringApi.DefineRuleRequest
        {
            IdempotencyKey = "rule-flood", VillageCode = Village, Code = "FLOOD-HELP", Name = "Helped neighbours in the flood",
            Points = StartingPoints, Actor = "clerk Zhou Hong",
        });
        var awards = new ScoringApi.Awards.AwardsClient(App.Channel);
        foreach (var number in new[] { "001", "002", "003", "004", "005" })
        {
            var proposal = await awards.ProposeAsync(new ScoringApi.ProposeRequest
            {
                IdempotencyKey = $"propose-{number}", VillageCode = Village, HouseholdNumber = number, RuleCode = "FLOOD-HELP", ProposedBy = number == "001" ? "m2" : "m1",
            });
            foreach (var member in new[] { "m1", "m2", "m3" }.Where(m => m != $"m{int.Parse(number)}").Take(2))
            {
                await awards.ApproveAsync(new ScoringApi.ApproveRequest { IdempotencyKey = $"approve-{number}-{member}", ProposalId = proposal.Id, MemberId = member });
            }
        }

        Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await awards.PostDueAsync(new ScoringApi.PostDueRequest { VillageCode = Village });

        await Poller.UntilAsync(async () => (await Supermarkets.ListKnownVillagesAsync(new ListKnownVillagesRequest())).Villages.Count == 2,
            "Redemption learns of both villages");
        await Supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = "SM1", Name = "Dongshan Love Supermarket", VillageCodes = { Village }, CounterCodes = { "C1", "C2" },
        });
        await Supermarkets.RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = "SM2", Name = "Xishan Love Supermarket", VillageCodes = { "V2" }, CounterCodes = { "X1" },
        });
        await DefineAsync("SM1", "RICE", "Rice", "bag (5 kg)", 30, limit: 2);
        await DefineAsync("SM1", "OIL", "Peanut oil", "bottle (1 l)", 20, eligibility: Eligibility.Over70);
        await DefineAsync("SM1", "ZONGZI", "Zongzi", "10 zongzi", 15, lowStock: 5);
        await DefineAsync("SM2", "RICE", "Rice", "bag (5 kg)", 30);
        await Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "rice-donation", SupermarketCode = "SM1", Sku = "RICE", Quantity = 10, DonorName = "Anle Grain Co.",
            DonorKind = DonorKind.Company, ValueFen = 50_000, BestBefore = "2027-03-01", Actor = "clerk Zhou Hong",
        });
        await Stock.ReceivePurchaseAsync(new ReceivePurchaseRequest
        {
            IdempotencyKey = "rice-purchase", SupermarketCode = "SM1", Sku = "RICE", Quantity = 10, Supplier = "Qiaoli Market",
            CostFen = 45_000, BestBefore = "2026-12-31", Actor = "clerk Zhou Hong",
        });
        await Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "oil-donation", SupermarketCode = "SM1", Sku = "OIL", Quantity = 5, DonorName = "Ma Lihua",
            DonorKind = DonorKind.Individual, ValueFen = 10_000, Actor = "clerk Zhou Hong",
        });
        await Stock.ReceiveDonationAsync(new ReceiveDonationRequest
        {
            IdempotencyKey = "zongzi-donation", SupermarketCode = "SM1", Sku = "ZONGZI", Quantity = 8, DonorName = "Township office",
            DonorKind = DonorKind.Official, ValueFen = 8_000, BestBefore = "2026-12-01", Actor = "clerk Zhou Hong",
        });
    }

    private Task<Item> DefineAsync(string supermarket, string sku, string name, string unit, long price, int limit = 0,
        Eligibility eligibility = Eligibility.Any, int lowStock = 0) =>
        Goods.DefineItemAsync(new DefineItemRequest
        {
            IdempotencyKey = $"define-{supermarket}-{sku}", SupermarketCode = supermarket, Sku = sku, Name = name, Unit = unit,
            PricePoints = price, LimitPerHousehold = limit, LimitPeriod = LimitPeriod.Month, Eligibility = eligibility,
            LowStockThreshold = lowStock, Actor = "clerk Zhou Hong",
        }).ResponseAsync;
}
