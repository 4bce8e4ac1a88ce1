using System.Collections.Concurrent;
using Grpc.Core;
using Npgsql;
using Platform.Contracts.Redemption.V1;
using Xunit;
using Xunit.Abstractions;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// Drives a <see cref="CounterDeployment"/> through its gRPC APIs and keeps the books of what the
/// answers said happened: orders charged, goods returned, stock transferred, awards posted. A
/// deadlock victim's Aborted <c>DATABASE_CONFLICT</c> is sent again under the same key, as a
/// counter would; any other unexpected answer is kept as a failure. <see cref="AssertConsistentAsync"/>
/// then checks the services' own figures against those books.
/// </summary>
internal sealed class CounterLoad(CounterDeployment deployment, int households, long openingPoints, ITestOutputHelper output)
{
    private const int Redeemers = 12;
    private const int MaxAttempts = 30;
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<(string Supermarket, string Sku), long> stock = new();
    private readonly ConcurrentDictionary<string, (string Household, StatusCode Status, string Reason)> orders = new();
    private readonly ConcurrentDictionary<string, Receipt> completed = new();
    private readonly ConcurrentDictionary<string, long> refunded = new();
    private readonly ConcurrentQueue<string> failures = new();
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private int conflicts;
    private int returns;
    private int transfers;
    private int postingRounds;

    public int Returns => returns;

    public int Transfers => transfers;

    public int PostingRounds => postingRounds;

    /// <summary>Deadlock victims (and other conflicts) that were sent again.</summary>
    public int Conflicts => conflicts;

    public void Received(string supermarket, IEnumerable<(string Sku, long Quantity)> goods)
    {
        foreach (var (sku, quantity) in goods)
        {
            stock.AddOrUpdate((supermarket, sku), quantity, (_, n) => n + quantity);
        }
    }

    /// <summary>
    /// <see cref="Redeemers"/> counters redeeming until <paramref name="deadline"/>, each order one
    /// or more of <paramref name="skus"/> (several SKUs per order, so groups lock several rows).
    /// </summary>
    public Task CounterLoadAsync(string[] counters, string[] skus, DateTime deadline) =>
        Task.WhenAll(Enumerable.Range(0, Redeemers).Select(async worker =>
        {
            var random = new Random(worker);
            var client = deployment.Counter;
            for (var i = 0; DateTime.UtcNow < deadline; i++)
            {
                var counter = counters[(worker + i) % counters.Length];
                await RedeemAsync(client, new RedeemRequest
                {
                    OrderId = $"{deployment.Village}-w{worker}-o{i}",
                    CounterCode = counter,
                    HouseholdNumber = deployment.Household(random.Next(1, households + 1)),
                    Actor = $"clerk {worker}",
                    Lines = { skus.OrderBy(_ => random.Next()).Take(random.Next(1, skus.Length + 1)).Select(sku => new RedeemLine { Sku = sku, Quantity = random.Next(1, 3) }) },
                });
            }
        }));

    public async Task RedeemAsync(Counter.CounterClient client, RedeemRequest request)
    {
        var (status, reason, receipt) = await SendAsync($"redeem {request.OrderId}",
            () => client.RedeemAsync(request, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync, refusalsAllowed: true);
        orders[request.OrderId] = (request.HouseholdNumber, status, reason);
        if (receipt is not null)
        {
            completed[request.OrderId] = receipt;
        }
    }

    public async Task ReturnAsync(Counter.CounterClient client, ReturnGoodsRequest request)
    {
        var (_, _, receipt) = await SendAsync($"return {request.ReturnId}",
            () => client.ReturnGoodsAsync(request, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync, refusalsAllowed: false);
        if (receipt is null)
        {
            return;
        }

        var order = completed[request.OrderId];
        foreach (var line in request.Lines)
        {
            stock.AddOrUpdate((order.SupermarketCode, line.Sku), line.Quantity, (_, n) => n + line.Quantity);
        }

        refunded.AddOrUpdate(request.OrderId, receipt.PointsRefunded, (_, n) => n + receipt.PointsRefunded);
        Interlocked.Increment(ref returns);
    }

    public async Task TransferAsync(Stock.StockClient client, TransferRequest request)
    {
        var (_, _, change) = await SendAsync($"transfer {request.IdempotencyKey}",
            () => client.TransferAsync(request, deadline: DateTime.UtcNow + CallTimeout).ResponseAsync, refusalsAllowed: false);
        if (change is null)
        {
            return;
        }

        stock.AddOrUpdate((request.FromSupermarketCode, request.Sku), -request.Quantity, (_, n) => n - request.Quantity);
        stock.AddOrUpdate((request.ToSupermarketCode, request.Sku), request.Quantity, (_, n) => n + request.Quantity);
        Interlocked.Increment(ref transfers);
    }

    /// <summary>
    /// Puts a round of proposals on the notice board with its window closed, for every household
    /// of the village (a month-end sheet, written as posting would find it: awards' workflow and
    /// its days-long notice are Scoring's own tests' concern).
    /// </summary>
    public async Task DueProposalsAsync(int round)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(deployment.ScoringDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO proposals (village_code, household_id, rule_code, rule_version, points, note, proposed_by, proposed_at, period, status, notice_ends_at, request_id)
            SELECT h.village_code, h.id, 'TIDY-HOME', 1, 5 + (h.id + k) % 7, 'month-end sheet', 'p1',
                   now() - interval '8 days', to_char(now() - interval '1 month', 'YYYY-MM'),
                   {(int)Platform.Scoring.Awards.ProposalStatus.OnNotice}, now() - interval '1 second', 'deadlock-r{round}-' || h.id || '-' || k
            FROM households h CROSS JOIN generate_series(1, 3) k
            WHERE h.village_code = @village;
            INSERT INTO notice_board (proposal_id, village_code, notice_ends_at)
            SELECT id, village_code, notice_ends_at FROM proposals WHERE village_code = @village AND request_id LIKE 'deadlock-r{round}-%';
            """, connection);
        command.Parameters.AddWithValue("village", deployment.Village);
        await command.ExecuteNonQueryAsync();
    }

    public async Task PostDueAsync(ScoringApi.Awards.AwardsClient awards)
    {
        await SendAsync("post due", () => awards.PostDueAsync(new ScoringApi.PostDueRequest { VillageCode = deployment.Village },
            deadline: DateTime.UtcNow + CallTimeout).ResponseAsync, refusalsAllowed: false);
        Interlocked.Increment(ref postingRounds);
    }

    /// <summary>Proposals of the village still on the board (posted ones leave it).</summary>
    public async Task<long> StillDueAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(deployment.ScoringDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM notice_board WHERE village_code = @village", connection);
        command.Parameters.AddWithValue("village", deployment.Village);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// No call failed; every order answered OK is completed and every refused one is not; each
    /// item's stock is what it received less what completed orders took, plus returns, plus or
    /// minus transfers, with nothing left reserved; each household's balance is its opening
    /// points plus its posted awards less its completed orders plus its refunds, nothing held;
    /// and each completed order is one spend in the ledger.
    /// </summary>
    public async Task AssertConsistentAsync()
    {
        output.WriteLine($"{Elapsed}: {orders.Count} orders ({completed.Count} completed), {returns} returns, {transfers} transfers, " +
            $"{postingRounds} posting rounds, {conflicts} conflicts sent again");
        Assert.True(failures.IsEmpty, $"{failures.Count} call(s) failed ({conflicts} conflicts were sent again):\n" +
            string.Join("\n", failures.Take(20)) + $"\nRedemption's log:\n{Tail(deployment.Redemption.Output)}\nScoring's log:\n{Tail(deployment.Scoring.Output)}");
        Assert.Contains(orders.Values, o => o.Status == StatusCode.OK);

        var counter = deployment.Counter;
        var final = new ConcurrentDictionary<string, Receipt?>();
        await Parallel.ForEachAsync(orders.Keys, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (order, _) => final[order] = await FinalOrderAsync(counter, order));
        foreach (var (order, answer) in orders)
        {
            var settled = final[order];
            if (answer.Status == StatusCode.OK)
            {
                Assert.Equal(OrderStatus.Completed, settled?.Status);
                Assert.Equal(completed[order].PointsSpent, settled!.PointsSpent);
            }
            else
            {
                Assert.True(settled is null || settled.Status == OrderStatus.Cancelled, $"{order} was refused ({answer.Reason}) but is {settled?.Status}");
            }
        }

        var taken = completed.Values.SelectMany(r => r.Lines.Select(l => (r.SupermarketCode, l.Sku, (long)l.Quantity)))
            .GroupBy(t => (t.SupermarketCode, t.Sku)).ToDictionary(g => g.Key, g => g.Sum(t => t.Item3));
        foreach (var ((supermarket, sku), expected) in stock)
        {
            var item = await deployment.Goods.GetItemAsync(new GetItemRequest { SupermarketCode = supermarket, Sku = sku });
            Assert.Equal((supermarket, sku, expected - taken.GetValueOrDefault((supermarket, sku)), 0L), (supermarket, sku, item.OnHand, item.Reserved));
        }

        var posted = await PostedAsync();
        var ledger = deployment.Ledger;
        for (var n = 1; n <= households; n++)
        {
            var household = deployment.Household(n);
            var mine = completed.Where(c => orders[c.Key].Household == household).ToList();
            var spent = mine.Sum(c => c.Value.PointsSpent);
            var back = mine.Sum(c => refunded.GetValueOrDefault(c.Key));
            var entries = await EntriesAsync(ledger, household);
            var balance = await ledger.GetBalanceAsync(new ScoringApi.HouseholdRef { VillageCode = deployment.Village, HouseholdNumber = household });
            Assert.Equal((household, openingPoints + posted.GetValueOrDefault(household) - spent + back, 0L),
                (household, balance.Balance_, balance.Held));

            // Each completed order is one debit under its id, and what its id moved in all is
            // its spend less its refunds; an order not completed moved nothing.
            var byOrder = entries.Where(e => e.HoldId.Length > 0).GroupBy(e => e.HoldId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var (order, receipt) in mine)
            {
                var moved = byOrder.GetValueOrDefault(order) ?? [];
                Assert.Equal((order, 1), (order, moved.Count(e => e.Points < 0)));
                Assert.Equal((order, -receipt.PointsSpent + refunded.GetValueOrDefault(order)), (order, moved.Sum(e => e.Points)));
            }

            foreach (var (order, moved) in byOrder.Where(o => !completed.ContainsKey(o.Key)))
            {
                Assert.Equal((order, 0L), (order, moved.Sum(e => e.Points)));
            }
        }

        Mark($"checked; deadlocks PostgreSQL has counted in Scoring's and Redemption's databases: {await DeadlocksAsync()}");
    }

    /// <summary>For the output: PostgreSQL's own count, whichever transaction it chose as the victim.</summary>
    private async Task<string> DeadlocksAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(deployment.ScoringDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(deadlocks::text, ' and ' ORDER BY datname = @scoring DESC) FROM pg_stat_database WHERE datname IN (@scoring, @redemption)", connection);
        command.Parameters.AddWithValue("scoring", deployment.ScoringDatabase);
        command.Parameters.AddWithValue("redemption", deployment.RedemptionDatabase);
        return (string?)await command.ExecuteScalarAsync() ?? "unknown";
    }

    private async Task<Dictionary<string, long>> PostedAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(deployment.ScoringDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT h.number, sum(p.points)::bigint FROM proposals p JOIN households h ON h.id = p.household_id
            WHERE p.village_code = @village AND p.request_id LIKE 'deadlock-%' GROUP BY h.number
            """, connection);
        command.Parameters.AddWithValue("village", deployment.Village);
        var posted = new Dictionary<string, long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            posted[reader.GetString(0)] = reader.GetInt64(1);
        }

        return posted;
    }

    private async Task<List<ScoringApi.Entry>> EntriesAsync(ScoringApi.Ledger.LedgerClient ledger, string household)
    {
        var entries = new List<ScoringApi.Entry>();
        var page = string.Empty;
        do
        {
            var statement = await ledger.GetStatementAsync(new ScoringApi.GetStatementRequest
            {
                Household = new ScoringApi.HouseholdRef { VillageCode = deployment.Village, HouseholdNumber = household },
                PageSize = 500,
                PageToken = page,
            });
            entries.AddRange(statement.Entries);
            page = statement.NextPageToken;
        }
        while (page.Length > 0);
        return entries;
    }

    private static async Task<Receipt?> FinalOrderAsync(Counter.CounterClient counter, string order)
    {
        try
        {
            return await counter.GetOrderAsync(new GetOrderRequest { OrderId = order });
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a call until it is answered: again under the same key after a conflict, or while
    /// its outcome is unknown (Unavailable, DeadlineExceeded). A refusal (FailedPrecondition)
    /// is an answer where <paramref name="refusalsAllowed"/>; anything else is a failure.
    /// </summary>
    private async Task<(StatusCode Status, string Reason, T? Answer)> SendAsync<T>(string what, Func<Task<T>> call, bool refusalsAllowed)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (StatusCode.OK, string.Empty, await call());
            }
            catch (RpcException ex)
            {
                var reason = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? string.Empty;
                if (ex.StatusCode == StatusCode.Aborted && reason == "DATABASE_CONFLICT" && attempt < MaxAttempts)
                {
                    Interlocked.Increment(ref conflicts);
                    continue;
                }

                if (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && attempt < MaxAttempts)
                {
                    await Task.Delay(200);
                    continue;
                }

                if (!(refusalsAllowed && ex.StatusCode == StatusCode.FailedPrecondition))
                {
                    failures.Enqueue($"{what}: {ex.StatusCode} {reason} {ex.Status.Detail} (attempt {attempt})");
                }

                return (ex.StatusCode, reason, null);
            }
        }
    }

    /// <summary>Where the time goes, for the test's output.</summary>
    public void Mark(string what) => output.WriteLine($"{Elapsed}: {what}");

    private string Elapsed => $"{clock.Elapsed.TotalSeconds:0.0} s";

    private static string Tail(string log) => log.Length > 3000 ? log[^3000..] : log;
}
