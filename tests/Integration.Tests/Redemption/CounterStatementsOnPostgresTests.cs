using Grpc.Core;
using Npgsql;
using Platform.Contracts.Redemption.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Integration.Tests.Redemption;

/// <summary>
/// The counter's one-statement try and confirm on PostgreSQL (PostgresCounter): what each
/// statement must do in one go that the EF path did step by step.
/// </summary>
public sealed class CounterStatementsOnPostgresTests : IAsyncLifetime
{
    private CounterDeployment deployment = null!;

    public async Task InitializeAsync() => deployment = await CounterDeployment.StartAsync(households: 3, points: 10_000, unitsPerItem: 10);

    public async Task DisposeAsync() => await deployment.DisposeAsync();

    [Fact]
    public async Task One_redemption_takes_several_lots_first_expiring_first_and_writes_stock_low_once_per_crossing()
    {
        // Dates ahead of the real clock (an expired lot is never redeemed).
        var first = DateTime.UtcNow.AddHours(8).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var second = DateTime.UtcNow.AddHours(8).AddDays(60).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await DefineAsync("TEA", limit: 0, threshold: 8);
        await ReceiveAsync("TEA", 3, second);
        await ReceiveAsync("TEA", 2, first);
        await ReceiveAsync("TEA", 10, null);

        var receipt = await deployment.Counter.RedeemAsync(Order("multi-1", 1, ("TEA", 6)));

        Assert.Equal(OrderStatus.Completed, receipt.Status);
        // 2 from the lot expiring first, 3 from the next, 1 from the lot with no date.
        Assert.Equal([(first, -2L), (second, -3L), ("", -1L)], await MovementsAsync("multi-1"));
        var tea = await deployment.Goods.GetItemAsync(new GetItemRequest { SupermarketCode = deployment.Supermarket, Sku = "TEA" });
        Assert.Equal((9L, 0L), (tea.OnHand, tea.Reserved));
        Assert.Equal(0, await StockLowEventsAsync("TEA"));

        await deployment.Counter.RedeemAsync(Order("multi-2", 2, ("TEA", 2)));
        await deployment.Counter.RedeemAsync(Order("multi-3", 3, ("TEA", 1)));

        // 9 → 7 crosses the threshold of 8; 7 → 6 is still the same crossing.
        Assert.Equal(1, await StockLowEventsAsync("TEA"));
        Assert.Equal(1, await OutboxRowsAsync("GoodsRedeemed", "multi-1"));
        var stock = await deployment.Reports.StockOnHandAsync(new StockOnHandRequest { SupermarketCode = deployment.Supermarket });
        Assert.Equal([("", 6L)], stock.Lines.Single(l => l.Sku == "TEA").Lots.Select(l => (l.BestBefore, l.OnHand)));
    }

    [Fact]
    public async Task A_refusal_on_the_second_line_leaves_the_first_line_unreserved_and_stores_nothing()
    {
        var outOfStock = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "OUT_OF_STOCK",
            () => deployment.Counter.RedeemAsync(Order("refused-1", 1, ("RICE", 1), ("OIL", 11))).ResponseAsync);
        Assert.Equal("2", LineOf(outOfStock));
        Assert.Contains("only 10", outOfStock.Status.Detail);

        await DefineAsync("TEA", limit: 2, threshold: 0);
        await ReceiveAsync("TEA", 10, null);
        await deployment.Counter.RedeemAsync(Order("limited-1", 1, ("TEA", 2)));
        var limit = await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "LIMIT_REACHED",
            () => deployment.Counter.RedeemAsync(Order("refused-2", 1, ("RICE", 1), ("TEA", 1))).ResponseAsync);
        Assert.Equal("2", LineOf(limit));
        Assert.Contains("has had 2", limit.Status.Detail);
        Assert.Contains("0 more", limit.Status.Detail);

        var rice = await deployment.Goods.GetItemAsync(new GetItemRequest { SupermarketCode = deployment.Supermarket, Sku = "RICE" });
        Assert.Equal((10L, 0L), (rice.OnHand, rice.Reserved));
        var card = await deployment.Counter.LookupHouseholdAsync(new LookupHouseholdRequest
        {
            CounterCode = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(1)}", HouseholdNumber = deployment.Household(1),
        });
        Assert.Equal(2, card.Limits.Single(l => l.Sku == "TEA").Used);
        foreach (var refused in new[] { "refused-1", "refused-2" })
        {
            await RpcAssert.RefusedAsync(StatusCode.NotFound, "ORDER_NOT_FOUND",
                () => deployment.Counter.GetOrderAsync(new GetOrderRequest { OrderId = Id(refused) }).ResponseAsync);
        }
    }

    [Fact]
    public async Task A_retry_is_answered_from_the_stored_order_and_a_reused_order_id_is_refused()
    {
        var first = await deployment.Counter.RedeemAsync(Order("retry-1", 1, ("RICE", 1), ("SOAP", 2)));
        var again = await deployment.Counter.RedeemAsync(Order("retry-1", 1, ("RICE", 1), ("SOAP", 2)));

        Assert.Equal(first.Lines, again.Lines);
        Assert.Equal((first.PointsSpent, first.AvailableAfter, first.Status), (again.PointsSpent, again.AvailableAfter, again.Status));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ORDER_ID_REUSED",
            () => deployment.Counter.RedeemAsync(Order("retry-1", 2, ("RICE", 1))).ResponseAsync);
        // A retry that no longer passes the request's checks is still a reuse of a known order id.
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "ORDER_ID_REUSED",
            () => deployment.Counter.RedeemAsync(new RedeemRequest(Order("retry-1", 1, ("RICE", 1))) { CounterCode = "NO-SUCH-COUNTER" }).ResponseAsync);
        var rice = await deployment.Goods.GetItemAsync(new GetItemRequest { SupermarketCode = deployment.Supermarket, Sku = "RICE" });
        Assert.Equal((9L, 0L), (rice.OnHand, rice.Reserved));
    }

    [Fact]
    public async Task A_redemption_commits_its_audit_record_with_its_confirm_and_a_refused_one_has_only_its_refusal_record()
    {
        await deployment.Counter.RedeemAsync(Order("audit-1", 1, ("RICE", 1)));
        await RpcAssert.RefusedAsync(StatusCode.FailedPrecondition, "OUT_OF_STOCK",
            () => deployment.Counter.RedeemAsync(Order("audit-2", 2, ("OIL", 11))).ResponseAsync);

        const string Redeem = "SELECT count(*) FROM audit_records r WHERE r.method LIKE '%/Redeem' AND r.key_fields LIKE '%order_id=' || @value || '%'";
        Assert.Equal(1L, await CountAsync(Redeem, Id("audit-1")));
        // The confirm completed the order and wrote its record in one transaction.
        Assert.Equal(1L, await CountAsync(
            Redeem + " AND r.outcome = 'OK' AND r.xmin::text = (SELECT o.xmin::text FROM orders o WHERE o.id = @value AND o.status = 2)", Id("audit-1")));
        Assert.Equal(0L, await CountAsync(Redeem + " AND r.outcome = 'OK'", Id("audit-2")));
        Assert.Equal(1L, await CountAsync(Redeem + " AND r.outcome = 'FailedPrecondition'", Id("audit-2")));
    }

    private static string LineOf(RpcException ex) =>
        ex.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>()!.Metadata["line"];

    private string Id(string order) => $"{deployment.Village}-{order}";

    private RedeemRequest Order(string order, int household, params (string Sku, int Quantity)[] lines) => new()
    {
        OrderId = Id(order),
        CounterCode = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(1)}",
        HouseholdNumber = deployment.Household(household),
        Actor = "clerk Sun Li",
        Lines = { lines.Select(l => new RedeemLine { Sku = l.Sku, Quantity = l.Quantity }) },
    };

    private Task DefineAsync(string sku, int limit, int threshold) => deployment.Goods.DefineItemAsync(new DefineItemRequest
    {
        IdempotencyKey = $"define-{sku}", SupermarketCode = deployment.Supermarket, Sku = sku, Name = sku.ToLowerInvariant(), Unit = "box",
        PricePoints = 5, LimitPerHousehold = limit, LimitPeriod = limit > 0 ? LimitPeriod.Month : LimitPeriod.Unspecified,
        LowStockThreshold = threshold, Actor = "clerk Sun Li",
    }).ResponseAsync;

    private Task ReceiveAsync(string sku, long quantity, string? bestBefore) => deployment.Stock.ReceiveDonationAsync(new ReceiveDonationRequest
    {
        IdempotencyKey = $"donate-{sku}-{quantity}-{bestBefore}", SupermarketCode = deployment.Supermarket, Sku = sku, Quantity = quantity,
        DonorName = "Anle Tea Co.", DonorKind = DonorKind.Company, ValueFen = quantity * 100, BestBefore = bestBefore ?? string.Empty,
        Actor = "clerk Sun Li",
    }).ResponseAsync;

    private async Task<List<(string BestBefore, long Quantity)>> MovementsAsync(string order)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(deployment.RedemptionDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT coalesce(to_char(l.best_before, 'YYYY-MM-DD'), ''), m.quantity
            FROM stock_movements m JOIN stock_lots l ON l.id = m.lot_id
            WHERE m.order_id = @order AND m.kind = 2 ORDER BY m.id
            """, connection);
        command.Parameters.AddWithValue("order", Id(order));
        var movements = new List<(string, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            movements.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return movements;
    }

    private Task<long> StockLowEventsAsync(string sku) => CountAsync(
        "SELECT count(*) FROM outbox_messages WHERE type LIKE 'Platform.Contracts.Events.StockLow,%' AND payload::json->>'sku' = @value", sku);

    private Task<long> OutboxRowsAsync(string type, string order) => CountAsync(
        $"SELECT count(*) FROM outbox_messages WHERE type LIKE 'Platform.Contracts.Events.{type},%' AND payload::json->>'orderId' = @value", Id(order));

    private async Task<long> CountAsync(string sql, string value)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(deployment.RedemptionDatabase));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("value", value);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
