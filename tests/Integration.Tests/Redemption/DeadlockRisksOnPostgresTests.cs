using Platform.Contracts.Redemption.V1;
using Xunit;
using Xunit.Abstractions;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// The transactions decision 0007 records as taking rows against the counter's fixed lock order
/// (a return over two lots of one SKU, a transfer between two supermarkets, the month-end
/// posting over many accounts), each run against a load of concurrent redemptions on the real
/// servers. A deadlock may cost a call an Aborted <c>DATABASE_CONFLICT</c>, which the test
/// sends again under the same key; no call may answer Internal, and afterwards stock and points
/// must add up to exactly the effects the answers report: nothing lost, nothing twice.
/// Only the gRPC APIs and the totals they report are used, so the tests hold whatever the
/// counter's and the ledger's statements become.
/// </summary>
public sealed class DeadlockRisksOnPostgresTests(ITestOutputHelper output)
{
    private const int Households = 20;
    private const long Points = 100_000;
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task Returns_spanning_two_lots_of_one_sku_under_counter_load_lose_and_double_nothing()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var deployment = await CounterDeployment.StartAsync(Households, Points, unitsPerItem: 1_000);
        output.WriteLine($"deployed in {started.Elapsed.TotalSeconds:0.0} s");
        var run = new CounterLoad(deployment, Households, Points, output);
        run.Received(deployment.Supermarket, CounterDeployment.Items.Select(i => (i.Sku, 1_000L)));

        // Small rice lots that expire first, so each early order of 3 takes from two of them and
        // its return puts the rice back into both; the counter's load takes rice too.
        var bestBefore = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        const int smallLots = 40;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var i = worker; i < smallLots; i += 4)
            {
                await deployment.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
                {
                    IdempotencyKey = $"rice-lot-{i}",
                    SupermarketCode = deployment.Supermarket,
                    Sku = "RICE",
                    Quantity = 2,
                    DonorName = "Hexi Rice Mill",
                    DonorKind = DonorKind.Company,
                    ValueFen = 400,
                    BestBefore = bestBefore,
                    Actor = "clerk Sun Li",
                });
            }
        }));

        run.Received(deployment.Supermarket, [("RICE", smallLots * 2L)]);
        // An order of 3 from lots of 2 always takes from two lots, whatever order they run in.
        var toReturn = Enumerable.Range(0, smallLots * 2 / 3).Select(i => $"{deployment.Village}-early-{i}").ToList();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            for (var i = worker; i < toReturn.Count; i += 4)
            {
                await run.RedeemAsync(deployment.Counter, new RedeemRequest
                {
                    OrderId = toReturn[i],
                    CounterCode = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(16)}",
                    HouseholdNumber = deployment.Household(i % Households + 1),
                    Actor = "clerk 16",
                    Lines = { new RedeemLine { Sku = "RICE", Quantity = 3 } },
                });
            }
        }));

        var counters = Enumerable.Range(1, 15).Select(n => $"{deployment.Supermarket}-{CounterDeployment.CounterCode(n)}").ToArray();
        run.Mark("load starts");
        var deadline = DateTime.UtcNow + Load;
        var returns = Task.WhenAll(Enumerable.Range(0, 4).Select(async worker =>
        {
            // Spread over the load: each return meets the counter's groups.
            var client = deployment.Counter;
            var pace = Load / (toReturn.Count / 4 + 1);
            foreach (var order in toReturn.Where((_, i) => i % 4 == worker))
            {
                await run.ReturnAsync(client, new ReturnGoodsRequest
                {
                    ReturnId = $"{order}-back",
                    OrderId = order,
                    Reason = "Damp",
                    Actor = "clerk 16",
                    Lines = { new RedeemLine { Sku = "RICE", Quantity = 3 } },
                });
                await Task.Delay(pace);
            }
        }));
        await Task.WhenAll(run.CounterLoadAsync(counters, ["RICE", "OIL", "EGGS"], deadline), returns);
        run.Mark("load ends");

        await run.AssertConsistentAsync();
        Assert.Equal(toReturn.Count, run.Returns);
    }

    [Fact]
    public async Task Transfers_between_two_supermarkets_under_counter_load_at_both_lose_and_double_nothing()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var deployment = await CounterDeployment.StartAsync(Households, Points, unitsPerItem: 1_000);
        output.WriteLine($"deployed in {started.Elapsed.TotalSeconds:0.0} s");
        var run = new CounterLoad(deployment, Households, Points, output);
        run.Received(deployment.Supermarket, CounterDeployment.Items.Select(i => (i.Sku, 1_000L)));

        // A second supermarket for the same village with the same two items, so the counter's
        // groups hold rows of both while transfers go both ways.
        var second = "SB-" + deployment.Village;
        string[] moved = ["OIL", "RICE"];
        await new Supermarkets.SupermarketsClient(deployment.Redemption.Channel).RegisterSupermarketAsync(new RegisterSupermarketRequest
        {
            Code = second,
            Name = "Baishui Love Supermarket, east branch",
            VillageCodes = { deployment.Village },
            CounterCodes = { Enumerable.Range(1, 8).Select(n => $"{second}-{CounterDeployment.CounterCode(n)}") },
        });
        foreach (var sku in moved)
        {
            var price = CounterDeployment.Items.Single(i => i.Sku == sku).Price;
            await deployment.Goods.DefineItemAsync(new DefineItemRequest
            {
                IdempotencyKey = $"define-{second}-{sku}",
                SupermarketCode = second,
                Sku = sku,
                Name = sku.ToLowerInvariant(),
                Unit = "piece",
                PricePoints = price,
                Actor = "clerk Sun Li",
            });
            await deployment.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
            {
                IdempotencyKey = $"donate-{second}-{sku}",
                SupermarketCode = second,
                Sku = sku,
                Quantity = 1_000,
                DonorName = "Anle Grain Co.",
                DonorKind = DonorKind.Company,
                ValueFen = 100_000,
                Actor = "clerk Sun Li",
            });
        }

        run.Received(second, moved.Select(sku => (sku, 1_000L)));
        var counters = Enumerable.Range(1, 8).Select(n => $"{deployment.Supermarket}-{CounterDeployment.CounterCode(n)}")
            .Concat(Enumerable.Range(1, 8).Select(n => $"{second}-{CounterDeployment.CounterCode(n)}")).ToArray();
        run.Mark("load starts");
        var deadline = DateTime.UtcNow + Load;
        (string From, string To)[] ways = [(deployment.Supermarket, second), (second, deployment.Supermarket)];
        var transfers = Task.WhenAll(ways.Select(async (way, w) =>
        {
            var stock = deployment.Stock;
            for (var i = 0; DateTime.UtcNow < deadline; i++)
            {
                await run.TransferAsync(stock, new TransferRequest
                {
                    IdempotencyKey = $"transfer-{w}-{i}",
                    FromSupermarketCode = way.From,
                    ToSupermarketCode = way.To,
                    Sku = moved[i % 2],
                    Quantity = i % 3 + 1,
                    Actor = "clerk Sun Li",
                });
            }
        }));
        await Task.WhenAll(run.CounterLoadAsync(counters, moved, deadline), transfers);
        run.Mark("load ends");

        await run.AssertConsistentAsync();
        Assert.True(run.Transfers >= 4, $"only {run.Transfers} transfers ran during the load");
    }

    [Fact]
    public async Task Month_end_posting_under_counter_load_loses_and_doubles_nothing()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var deployment = await CounterDeployment.StartAsync(Households, Points, unitsPerItem: 5_000);
        output.WriteLine($"deployed in {started.Elapsed.TotalSeconds:0.0} s");
        var run = new CounterLoad(deployment, Households, Points, output);
        run.Received(deployment.Supermarket, CounterDeployment.Items.Select(i => (i.Sku, 5_000L)));

        var counters = Enumerable.Range(1, 16).Select(n => $"{deployment.Supermarket}-{CounterDeployment.CounterCode(n)}").ToArray();
        run.Mark("load starts");
        var deadline = DateTime.UtcNow + Load;
        var awards = new ScoringApi.Awards.AwardsClient(deployment.Scoring.Channel);
        var posting = Task.Run(async () =>
        {
            // One village's month after another: every household's due proposals posted in one
            // statement over all its accounts, while the counter spends from the same accounts.
            for (var round = 0; DateTime.UtcNow < deadline; round++)
            {
                await run.DueProposalsAsync(round);
                await run.PostDueAsync(awards);
            }
        });
        await Task.WhenAll(run.CounterLoadAsync(counters, CounterDeployment.Items.Select(i => i.Sku).ToArray(), deadline), posting);
        run.Mark("load ends");

        // The background job may have posted some rounds itself; either way nothing is left due.
        await run.PostDueAsync(awards);
        Assert.Equal(0, await run.StillDueAsync());
        Assert.True(run.PostingRounds >= 2, $"only {run.PostingRounds} posting rounds ran during the load");
        await run.AssertConsistentAsync();
    }
}
