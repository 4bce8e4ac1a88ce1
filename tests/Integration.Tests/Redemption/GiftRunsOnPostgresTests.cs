using System.Collections.Concurrent;
using Grpc.Core;
using Npgsql;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// A gift run handed out from several desks at once (the same households from each, and the
/// rest all at once for a cadre) while eight counters redeem the same item, on the real servers:
/// the stock never goes below zero, what left it is exactly what the orders and the gifts
/// answered, and no household is given its share twice.
/// </summary>
public sealed class GiftRunsOnPostgresTests(ITestOutputHelper output)
{
    private const int Households = 40;
    private const long Points = 100_000;
    private const long Units = 100;
    private const int GiftDesks = 4;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_gift_run_raced_against_eight_counters_redeeming_the_same_item_never_oversells_and_never_gives_a_household_twice()
    {
        await using var deployment = await CounterDeployment.StartAsync(Households, Points, Units);
        var load = new CounterLoad(deployment, Households, Points, output);
        load.Received(deployment.Supermarket, CounterDeployment.Items.Select(i => (i.Sku, Units)));
        // Small zongzi lots that expire first, so gifts and orders cross lots while they race.
        for (var i = 1; i <= 4; i++)
        {
            await deployment.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
            {
                IdempotencyKey = $"zongzi-lot-{i}", SupermarketCode = deployment.Supermarket, Sku = "ZONGZI", Quantity = 5, DonorName = "Hexi Township",
                DonorKind = DonorKind.Official, ValueFen = 500, Actor = "clerk Sun Li",
                BestBefore = DateTime.UtcNow.AddDays(10 * i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        load.Received(deployment.Supermarket, [("ZONGZI", 20L)]);
        var gifts = new GiftRuns.GiftRunsClient(deployment.Redemption.Channel);
        var run = await gifts.CreateGiftRunAsync(new CreateGiftRunRequest
        {
            IdempotencyKey = "dragon-boat", SupermarketCode = deployment.Supermarket, Sku = "ZONGZI", QuantityPerHousehold = 2, Title = "端午节粽子",
            Rule = GiftRule.List, Actor = "clerk Sun Li",
            Households = { Enumerable.Range(1, Households).Select(n => new GiftHouseholdRef { HouseholdNumber = deployment.Household(n) }) },
        });
        Assert.Equal((Households, 2L * Households), (run.Households, run.StockNeeded));

        var given = new ConcurrentBag<GiftHandOut>();
        var refusals = new ConcurrentBag<string>();
        var failures = new ConcurrentQueue<string>();
        var counters = Enumerable.Range(1, 8).Select(n => $"{deployment.Supermarket}-{CounterDeployment.CounterCode(n)}").ToArray();
        var counting = load.CounterLoadAsync(counters, ["ZONGZI", "RICE"], DateTime.UtcNow.AddSeconds(6));
        var desks = Enumerable.Range(0, GiftDesks).Select(desk => Task.Run(async () =>
        {
            var random = new Random(desk);
            foreach (var n in Enumerable.Range(1, Households).OrderBy(_ => random.Next()))
            {
                var request = new HandOutGiftRequest
                {
                    IdempotencyKey = $"desk{desk}-{n}", SupermarketCode = deployment.Supermarket, RunId = run.Id, HouseholdNumber = deployment.Household(n), Actor = $"clerk {desk}",
                };
                await SendAsync($"hand-out {request.IdempotencyKey}", () => gifts.HandOutGiftAsync(request, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync,
                    given, refusals, failures);
            }
        }));
        var cadre = Task.Run(async () =>
        {
            await Poller.UntilAsync(() => given.Count >= 10, "the desks have handed out some shares", TimeSpan.FromSeconds(30));
            var request = new HandOutRemainingRequest
            {
                IdempotencyKey = "cadre", SupermarketCode = deployment.Supermarket, RunId = run.Id, DeliveredBy = "cadre Ma Jun", Actor = "clerk Sun Li",
            };
            await SendAsync("hand out the rest", () => gifts.HandOutRemainingAsync(request, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync,
                given, refusals, failures);
        });
        await Task.WhenAll(desks);
        load.Mark($"the desks are done; the cadre's call {(cadre.IsCompleted ? "too" : "not yet")}");
        await Task.WhenAll(counting, cadre);
        load.Mark("the counters are done");

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)) + $"\nRedemption's log:\n{Tail(deployment.Redemption.Output)}");
        Assert.Contains("GIFT_ALREADY_RECEIVED", refusals);
        var shares = given.SelectMany(g => g.Shares).ToList();
        var gifted = given.Sum(g => g.Units);
        output.WriteLine($"{shares.Count} shares given ({gifted} units); refusals: {string.Join(", ", refusals.GroupBy(r => r).Select(g => $"{g.Key} × {g.Count()}"))}");
        Assert.NotEmpty(shares);

        // Never twice: each household in at most one answer, and the run and its list agree with the answers.
        Assert.Equal(shares.Count, shares.Select(s => s.HouseholdNumber).Distinct().Count());
        var list = await gifts.GetSigningListAsync(new GetSigningListRequest { SupermarketCode = deployment.Supermarket, RunId = run.Id });
        Assert.Equal(shares.Select(s => s.HouseholdNumber).Order(StringComparer.Ordinal), list.Shares.Where(s => s.Received).Select(s => s.HouseholdNumber));
        Assert.Equal((shares.Count, gifted), (list.Run.HouseholdsReceived, list.Run.UnitsHandedOut));

        // Units out of stock as gifts are exactly the units the answers gave, two per share received.
        var moved = await GiftedMovementsAsync(deployment);
        Assert.Equal(gifted, -moved.Values.Sum());
        Assert.All(moved.Values, q => Assert.Equal(-2, q));
        Assert.Equal(shares.Count, moved.Count);

        // Stock is what it received less what completed orders and the gifts took, never below zero, nothing reserved.
        load.Received(deployment.Supermarket, [("ZONGZI", -gifted)]);
        await load.AssertConsistentAsync();
        var zongzi = await deployment.Goods.GetItemAsync(new GetItemRequest { SupermarketCode = deployment.Supermarket, Sku = "ZONGZI" });
        Assert.InRange(zongzi.OnHand, 0, Units + 20);
    }

    private static async Task SendAsync(string what, Func<Task<GiftHandOut>> call, ConcurrentBag<GiftHandOut> given, ConcurrentBag<string> refusals,
        ConcurrentQueue<string> failures)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                given.Add(await call());
                return;
            }
            catch (RpcException ex)
            {
                var reason = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? string.Empty;
                // A deadlock victim, or an answer lost: the same key again, as a desk would.
                if (attempt < 30 && ((ex.StatusCode == StatusCode.Aborted && reason == "DATABASE_CONFLICT")
                    || ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded))
                {
                    continue;
                }

                if (ex.StatusCode == StatusCode.FailedPrecondition
                    && reason is "GIFT_ALREADY_RECEIVED" or "NOT_ENOUGH_STOCK" or "GIFT_STOCK_SHORT" or "GIFT_NOTHING_REMAINING")
                {
                    refusals.Add(reason);
                    return;
                }

                failures.Enqueue($"{what}: {ex.StatusCode} {reason} {ex.Status.Detail} (attempt {attempt})");
                return;
            }
        }
    }

    /// <summary>The gift movements per share (their request id), summed.</summary>
    private static async Task<Dictionary<string, long>> GiftedMovementsAsync(CounterDeployment deployment)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(deployment.RedemptionDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT request_id, sum(quantity)::bigint FROM stock_movements WHERE kind = 8 GROUP BY request_id", connection);
        var moved = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            moved[reader.GetString(0)] = reader.GetInt64(1);
        }

        return moved;
    }

    private static string Tail(string log) => log.Length > 3000 ? log[^3000..] : log;
}
