using Grpc.Core;
using Grpc.Net.Client;
using RedemptionApi = Platform.Contracts.Redemption.V1;
using ScoringApi = Platform.Contracts.Scoring.V1;

// Usage (the token reaches every village and supermarket as county_admin, village_admin and clerk):
//   smoke seed   SCORING REDEMPTION TOKEN PREFIX           a village, 3 households, a panel, an award approved
//                                                          onto the public notice; a supermarket, rice, a donation
//   smoke post   SCORING TOKEN PREFIX SECONDS              PostDue until the award is posted (the notice has ended)
//   smoke redeem SCORING REDEMPTION TOKEN PREFIX ORDER N   redeems N bags of rice at the counter; checks the balance drops by N
//   smoke balance SCORING TOKEN PREFIX                     prints the household's balance
// Every write is idempotent (fixed keys), so a step may be run again after a lost answer.
// PREFIX makes the codes unique per run: PREFIX-V1, PREFIX-SM1, PREFIX-SM1-C1.
const string Actor = "smoke";
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: smoke seed|post|redeem|balance …");
    return 2;
}

try
{
    return args[0] switch
    {
        "seed" => await SeedAsync(Channel(args[1]), Channel(args[2]), Auth(args[3]), args[4]),
        "post" => await PostAsync(Channel(args[1]), Auth(args[2]), args[3], int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture)),
        "redeem" => await RedeemAsync(Channel(args[1]), Channel(args[2]), Auth(args[3]), args[4], args[5], int.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture)),
        "balance" => await PrintBalanceAsync(Channel(args[1]), Auth(args[2]), args[3]),
        _ => 2,
    };
}
catch (RpcException ex)
{
    Console.Error.WriteLine($"smoke {args[0]}: {ex.StatusCode} {ex.Status.Detail}");
    return 1;
}

static GrpcChannel Channel(string address) => GrpcChannel.ForAddress(address);

static Metadata Auth(string token) => new() { { "authorization", "Bearer " + token } };

static ScoringApi.HouseholdRef Household(string prefix) => new() { VillageCode = prefix + "-V1", HouseholdNumber = "003" };

static async Task<int> SeedAsync(GrpcChannel scoring, GrpcChannel redemption, Metadata auth, string prefix)
{
    var village = prefix + "-V1";
    await new ScoringApi.Villages.VillagesClient(scoring).RegisterVillageAsync(new ScoringApi.RegisterVillageRequest
    {
        IdempotencyKey = prefix + "-village", Code = village, Name = "青山村", Township = "Qiaoli", County = "Anle",
    }, auth);
    await new ScoringApi.Households.HouseholdsClient(scoring).RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
    {
        IdempotencyKey = prefix + "-households", VillageCode = village, Actor = Actor,
        Households = { Enumerable.Range(1, 3).Select(i => new ScoringApi.NewHousehold { HouseholdNumber = $"00{i}", HeadName = $"王建{i}", MemberCount = 3 }) },
    }, auth);
    var panels = new ScoringApi.Panels.PanelsClient(scoring);
    for (var i = 1; i <= 2; i++)
    {
        await panels.SetPanelMemberAsync(new ScoringApi.SetPanelMemberRequest
        {
            IdempotencyKey = $"{prefix}-member-{i}", VillageCode = village, Actor = Actor,
            Member = new ScoringApi.PanelMember { MemberId = $"m{i}", Name = $"Member {i}", Role = ScoringApi.PanelRole.VillagersRepresentative, HouseholdNumber = $"00{i}" },
        }, auth);
    }

    // A panel of two: this village lets the proposer approve too (a new village does not).
    await panels.SetPanelRulesAsync(new ScoringApi.SetPanelRulesRequest
    {
        IdempotencyKey = prefix + "-rules", VillageCode = village, Actor = Actor, Rules = new ScoringApi.PanelRules { ProposerMayApprove = true },
    }, auth);

    var awards = new ScoringApi.Awards.AwardsClient(scoring);
    var proposal = await awards.ProposeAsync(new ScoringApi.ProposeRequest
    {
        IdempotencyKey = prefix + "-award", VillageCode = village, HouseholdNumber = "003", RuleCode = "SIMPLE-CEREMONY", ProposedBy = "m1",
    }, auth);
    foreach (var member in new[] { "m1", "m2" })
    {
        proposal = await awards.ApproveAsync(new ScoringApi.ApproveRequest { IdempotencyKey = $"{prefix}-approve-{member}", ProposalId = proposal.Id, MemberId = member }, auth);
    }

    Console.WriteLine($"award {proposal.Id}: {proposal.Points} points for {village}/003, {proposal.Status} until {proposal.NoticeEndsAt}");

    // Redemption learns of the village from Scoring's event over RabbitMQ.
    var supermarkets = new RedemptionApi.Supermarkets.SupermarketsClient(redemption);
    var deadline = DateTime.UtcNow.AddSeconds(60);
    while (!(await supermarkets.ListKnownVillagesAsync(new RedemptionApi.ListKnownVillagesRequest(), auth)).Villages.Any(v => v.Code == village))
    {
        if (DateTime.UtcNow > deadline) throw new TimeoutException($"Redemption did not learn of {village} within 60 s (RabbitMQ).");
        await Task.Delay(200);
    }

    await supermarkets.RegisterSupermarketAsync(new RedemptionApi.RegisterSupermarketRequest
    {
        Code = prefix + "-SM1", Name = "青山村爱心超市", VillageCodes = { village }, CounterCodes = { prefix + "-SM1-C1" },
    }, auth);
    await new RedemptionApi.Goods.GoodsClient(redemption).DefineItemAsync(new RedemptionApi.DefineItemRequest
    {
        IdempotencyKey = prefix + "-rice", SupermarketCode = prefix + "-SM1", Sku = "RICE", Name = "大米", Unit = "bag", PricePoints = 1, Actor = Actor,
    }, auth);
    await new RedemptionApi.Stock.StockClient(redemption).ReceiveDonationAsync(new RedemptionApi.ReceiveDonationRequest
    {
        IdempotencyKey = prefix + "-rice-lot", SupermarketCode = prefix + "-SM1", Sku = "RICE", Quantity = 100, DonorName = "Anle Grain Co.",
        DonorKind = RedemptionApi.DonorKind.Company, ValueFen = 10_000, Actor = Actor,
    }, auth);
    Console.WriteLine($"supermarket {prefix}-SM1 with 100 bags of rice at 1 point");
    return 0;
}

static async Task<int> PostAsync(GrpcChannel scoring, Metadata auth, string prefix, int seconds)
{
    var awards = new ScoringApi.Awards.AwardsClient(scoring);
    var deadline = DateTime.UtcNow.AddSeconds(seconds);
    while (true)
    {
        var posted = await awards.PostDueAsync(new ScoringApi.PostDueRequest { VillageCode = prefix + "-V1" }, auth);
        var balance = await BalanceAsync(scoring, auth, prefix);
        if (balance.Balance_ > 0)
        {
            Console.WriteLine($"posted ({posted.Posted} by this call): {prefix}-V1/003 has {balance.Balance_} points, {balance.Available} available");
            return 0;
        }

        if (DateTime.UtcNow > deadline)
        {
            Console.Error.WriteLine($"smoke post: nothing posted within {seconds} s (balance {balance.Balance_})");
            return 1;
        }

        await Task.Delay(500);
    }
}

static async Task<int> RedeemAsync(GrpcChannel scoring, GrpcChannel redemption, Metadata auth, string prefix, string order, int bags)
{
    var before = await BalanceAsync(scoring, auth, prefix);
    var receipt = await new RedemptionApi.Counter.CounterClient(redemption).RedeemAsync(new RedemptionApi.RedeemRequest
    {
        OrderId = $"{prefix}-{order}", CounterCode = prefix + "-SM1-C1", HouseholdNumber = "003", VillageCode = prefix + "-V1", Actor = Actor,
        Lines = { new RedemptionApi.RedeemLine { Sku = "RICE", Quantity = bags } },
    }, auth);
    var after = await BalanceAsync(scoring, auth, prefix);
    Console.WriteLine($"order {receipt.OrderId}: {receipt.Status}, {receipt.PointsSpent} points spent; balance {before.Balance_} → {after.Balance_}");
    if (receipt.Status != RedemptionApi.OrderStatus.Completed || receipt.PointsSpent != bags || after.Balance_ != before.Balance_ - bags)
    {
        Console.Error.WriteLine("smoke redeem: the order did not complete with the points it should have spent");
        return 1;
    }

    return 0;
}

static async Task<int> PrintBalanceAsync(GrpcChannel scoring, Metadata auth, string prefix)
{
    var balance = await BalanceAsync(scoring, auth, prefix);
    Console.WriteLine($"{prefix}-V1/003: {balance.Balance_} points, {balance.Available} available");
    return 0;
}

static async Task<ScoringApi.Balance> BalanceAsync(GrpcChannel scoring, Metadata auth, string prefix) =>
    await new ScoringApi.Ledger.LedgerClient(scoring).GetBalanceAsync(Household(prefix), auth);
