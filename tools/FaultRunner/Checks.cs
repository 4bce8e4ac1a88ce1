using System.Globalization;
using Platform.Contracts.Redemption.V1;
using StackExchange.Redis;
using ScoringApi = Platform.Contracts.Scoring.V1;

namespace Platform.FaultRunner;

/// <summary>One check's verdict: passed, or the first offending row in words.</summary>
internal sealed record Verdict(string Check, bool Passed, string Detail);

/// <summary>
/// The invariants checked after a run, once every part is back and the queues are drained:
/// through the APIs where they show it, SQL on each service's own database where they do not
/// (the tables as services/*/Data defines them). Each check names its first offending row.
/// </summary>
internal sealed class Checks(Deployment deployment, RunPlan plan, Books books, Calls calls, bool redisFlushed, IReadOnlyDictionary<string, long> queues)
{
    private string S => deployment.Infra.ConnectionString(deployment.ScoringDb);

    private string R => deployment.Infra.ConnectionString(deployment.RedemptionDb);

    private string D => deployment.Infra.ConnectionString(deployment.DividendsDb);

    public async Task<List<Verdict>> RunAsync()
    {
        var verdicts = new List<Verdict>();
        async Task Add(string name, Func<Task<string?>> check)
        {
            try
            {
                var offending = await check();
                verdicts.Add(new Verdict(name, offending is null, offending ?? "ok"));
            }
            catch (Exception ex)
            {
                verdicts.Add(new Verdict(name, false, $"the check itself failed: {ex.GetType().Name}: {ex.Message}"));
            }
        }

        await Add("balance-equals-entries", BalanceEqualsEntriesAsync);
        await Add("no-negative-balance", NoNegativeBalanceAsync);
        await Add("held-equals-active-holds", HeldEqualsActiveHoldsAsync);
        await Add("orders-spent-once", OrdersSpentOnceAsync);
        await Add("answers-kept", AnswersKeptAsync);
        await Add("direct-holds-settled", DirectHoldsAsync);
        await Add("stock-equals-movements", StockEqualsMovementsAsync);
        await Add("goods-out-with-points", GoodsOutWithPointsAsync);
        await Add("nothing-pending", NothingPendingAsync);
        await Add("payouts-at-most-once", PayoutsAsync);
        await Add("outbox-all-sent", OutboxSentAsync);
        await Add("inbox-effects-once", InboxOnceAsync);
        await Add("queues-drained", () => Task.FromResult(queues.Where(q => q.Value > 0).OrderBy(q => q.Key, StringComparer.Ordinal)
            .Select(q => $"queue {q.Key} holds {q.Value} message(s){(q.Key.EndsWith("_error", StringComparison.Ordinal) ? " that a consumer gave up on" : string.Empty)}")
            .FirstOrDefault()));
        await Add("household-copy-complete", HouseholdCopyAsync);
        await Add("journal-verifies", JournalAsync);
        await Add("leaderboards-equal-ledger", LeaderboardsAsync);
        await Add("no-unexpected-answers", () => Task.FromResult(calls.Failures.Count == 0 ? null : $"{calls.Failures.Count} call(s): {calls.Failures.First()}"));
        return verdicts;
    }

    private async Task<string?> First(string connectionString, string sql, string what)
    {
        var rows = await Sql.RowsAsync(connectionString, sql);
        return rows.Count == 0 ? null : $"{what}: " + string.Join(", ", rows[0].Select(v => v?.ToString() ?? "null"));
    }

    private Task<string?> BalanceEqualsEntriesAsync() => First(S, """
        SELECT a.village_code, h.number, a.balance, coalesce(e.total, 0) AS entries
        FROM accounts a JOIN households h ON h.id = a.household_id
        LEFT JOIN (SELECT household_id, sum(points) AS total FROM ledger_entries GROUP BY household_id) e ON e.household_id = a.household_id
        WHERE a.balance <> coalesce(e.total, 0) ORDER BY 1, 2 LIMIT 1
        """, "village, household, balance, sum of entries");

    // The load posts no deductions, so neither the balance nor what is available may be below zero.
    private Task<string?> NoNegativeBalanceAsync() => First(S, """
        SELECT a.village_code, h.number, a.balance, a.held FROM accounts a JOIN households h ON h.id = a.household_id
        WHERE a.balance < 0 OR a.balance - a.held < 0 ORDER BY 1, 2 LIMIT 1
        """, "village, household, balance, held");

    private Task<string?> HeldEqualsActiveHoldsAsync() => First(S, """
        SELECT a.village_code, h.number, a.held, coalesce(x.total, 0) AS active_holds
        FROM accounts a JOIN households h ON h.id = a.household_id
        LEFT JOIN (SELECT household_id, sum(points) AS total FROM holds WHERE status = 1 GROUP BY household_id) x ON x.household_id = a.household_id
        WHERE a.held <> coalesce(x.total, 0) ORDER BY 1, 2 LIMIT 1
        """, "village, household, held, sum of active holds");

    /// <summary>
    /// Per order: completed = exactly one spend entry of its points under its id in Scoring, and
    /// refunds equal to its completed returns; cancelled = what moved under its id nets to zero;
    /// and no spend in Scoring without an order in Redemption.
    /// </summary>
    private async Task<string?> OrdersSpentOnceAsync()
    {
        var orders = (await Sql.RowsAsync(R, "SELECT id, status, points FROM orders ORDER BY id"))
            .ToDictionary(r => (string)r[0]!, r => (Status: (int)r[1]!, Points: (long)r[2]!));
        var returned = (await Sql.RowsAsync(R, "SELECT order_id, sum(points)::bigint FROM returns WHERE status = 2 GROUP BY order_id"))
            .ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        var moved = (await Sql.RowsAsync(S, """
                SELECT hold_id, count(*) FILTER (WHERE kind = 4), coalesce(sum(points) FILTER (WHERE kind = 4), 0)::bigint,
                       coalesce(sum(points) FILTER (WHERE kind = 7), 0)::bigint, count(*) FILTER (WHERE kind NOT IN (4, 7))
                FROM ledger_entries WHERE hold_id IS NOT NULL AND hold_id NOT LIKE 'fr%-hold-%' GROUP BY hold_id ORDER BY hold_id
                """))
            .ToDictionary(r => (string)r[0]!, r => (Spends: (long)r[1]!, Spent: (long)r[2]!, Refunded: (long)r[3]!, Other: (long)r[4]!));
        foreach (var (id, order) in orders)
        {
            var m = moved.GetValueOrDefault(id);
            var back = returned.GetValueOrDefault(id);
            var ok = order.Status switch
            {
                2 => m.Spends == 1 && m.Spent == -order.Points && m.Refunded == back && m.Other == 0,
                3 => m.Spends <= 1 && m.Spent + m.Refunded == 0 && m.Other == 0,
                _ => true,
            };
            if (!ok)
            {
                return $"order {id} status {order.Status} points {order.Points} returned {back}: in Scoring {m.Spends} spend entries of {m.Spent}, refunds {m.Refunded}, other {m.Other}";
            }
        }

        var stray = moved.Keys.Where(k => !orders.ContainsKey(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        return stray is null ? null : $"spend id {stray} moved points in Scoring ({moved[stray]}) but Redemption has no such order";
    }

    /// <summary>What the clients were answered still holds: an order answered completed is completed with those points; one refused is not completed.</summary>
    private async Task<string?> AnswersKeptAsync()
    {
        var orders = (await Sql.RowsAsync(R, "SELECT id, status, points FROM orders"))
            .ToDictionary(r => (string)r[0]!, r => (Status: (int)r[1]!, Points: (long)r[2]!));
        foreach (var (id, (outcome, receipt, reason)) in books.Orders.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var found = orders.TryGetValue(id, out var order);
            if (outcome == Outcome.Done && receipt!.Status == OrderStatus.Completed && (!found || order.Status != 2 || order.Points != receipt.PointsSpent))
            {
                return $"order {id} was answered completed ({receipt.PointsSpent} points) but is {(found ? $"status {order.Status}, {order.Points} points" : "missing")}";
            }

            if (outcome == Outcome.Refused && found && order.Status == 2)
            {
                return $"order {id} was refused ({reason}) but is completed";
            }
        }

        var returns = (await Sql.RowsAsync(R, "SELECT id, status, points FROM returns")).ToDictionary(r => (string)r[0]!, r => ((int)r[1]!, (long)r[2]!));
        foreach (var (id, (_, outcome, refunded)) in books.Returns.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (outcome == Outcome.Done && (!returns.TryGetValue(id, out var row) || row.Item1 != 2 || row.Item2 != refunded))
            {
                return $"return {id} was answered with {refunded} points refunded but is {(returns.TryGetValue(id, out var r) ? $"status {r.Item1}, {r.Item2} points" : "missing")}";
            }
        }

        return null;
    }

    private async Task<string?> DirectHoldsAsync()
    {
        var holds = (await Sql.RowsAsync(S, """
                SELECT h.id, h.status, h.points, count(e.id) FILTER (WHERE e.kind = 4), coalesce(sum(e.points) FILTER (WHERE e.kind = 4), 0)::bigint
                FROM holds h LEFT JOIN ledger_entries e ON e.hold_id = h.id
                WHERE h.id LIKE 'fr%-hold-%' GROUP BY h.id, h.status, h.points ORDER BY h.id
                """))
            .ToDictionary(r => (string)r[0]!, r => (Status: (int)r[1]!, Points: (long)r[2]!, Captures: (long)r[3]!, Captured: (long)r[4]!));
        foreach (var (id, h) in holds)
        {
            var ok = h.Status == 2 ? h.Captures == 1 && h.Captured == -h.Points : h.Captures == 0;
            if (!ok)
            {
                return $"hold {id} status {h.Status} of {h.Points} points has {h.Captures} capture entries of {h.Captured}";
            }
        }

        // The proto's HoldStatus and the table's status share their numbers (1 active … 4 expired).
        foreach (var (id, (held, then, outcome, answered)) in books.Holds.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            if (held == Outcome.Done && outcome == Outcome.Done && (!holds.TryGetValue(id, out var h) || h.Status != answered))
            {
                return $"{then} of hold {id} was answered with status {answered} but the hold is {(holds.TryGetValue(id, out var x) ? $"status {x.Status}" : "missing")}";
            }
        }

        return null;
    }

    private async Task<string?> StockEqualsMovementsAsync() =>
        await First(R, """
            SELECT l.id, l.sku, l.on_hand, coalesce(m.total, 0) FROM stock_lots l
            LEFT JOIN (SELECT lot_id, sum(quantity) AS total FROM stock_movements GROUP BY lot_id) m ON m.lot_id = l.id
            WHERE l.on_hand <> coalesce(m.total, 0) OR l.on_hand < 0 ORDER BY l.id LIMIT 1
            """, "lot, sku, on hand, sum of its movements")
        ?? await First(R, """
            SELECT i.supermarket_code, i.sku, i.on_hand, i.reserved, coalesce(l.total, 0), coalesce(m.total, 0) FROM items i
            LEFT JOIN (SELECT supermarket_code, sku, sum(on_hand) AS total FROM stock_lots GROUP BY 1, 2) l ON l.supermarket_code = i.supermarket_code AND l.sku = i.sku
            LEFT JOIN (SELECT supermarket_code, sku, sum(quantity) AS total FROM stock_movements GROUP BY 1, 2) m ON m.supermarket_code = i.supermarket_code AND m.sku = i.sku
            WHERE i.on_hand <> coalesce(l.total, 0) OR i.on_hand <> coalesce(m.total, 0) OR i.on_hand < 0 OR i.reserved <> 0
            ORDER BY 1, 2 LIMIT 1
            """, "supermarket, sku, on hand, reserved, sum of lots, sum of movements");

    /// <summary>Goods left only for completed orders, exactly what their lines say; returned goods came back only for completed returns.</summary>
    private async Task<string?> GoodsOutWithPointsAsync() =>
        await First(R, """
            SELECT coalesce(m.order_id, l.order_id), coalesce(m.sku, l.sku), o.status, coalesce(m.taken, 0), coalesce(l.quantity, 0)
            FROM (SELECT order_id, sku, -sum(quantity) AS taken FROM stock_movements WHERE kind = 2 GROUP BY 1, 2) m
            FULL JOIN (SELECT ol.order_id, ol.sku, sum(ol.quantity) AS quantity FROM order_lines ol JOIN orders o ON o.id = ol.order_id
                       WHERE o.status = 2 GROUP BY 1, 2) l ON l.order_id = m.order_id AND l.sku = m.sku
            LEFT JOIN orders o ON o.id = coalesce(m.order_id, l.order_id)
            WHERE coalesce(m.taken, 0) <> coalesce(l.quantity, 0) OR o.status IS DISTINCT FROM 2
            ORDER BY 1, 2 LIMIT 1
            """, "order, sku, order status, units taken from stock, units on its completed lines")
        ?? await First(R, """
            SELECT coalesce(m.order_id, r.order_id), coalesce(m.sku, r.sku), coalesce(m.back, 0), coalesce(r.quantity, 0)
            FROM (SELECT order_id, sku, sum(quantity) AS back FROM stock_movements WHERE kind = 3 GROUP BY 1, 2) m
            FULL JOIN (SELECT x.order_id, rl.sku, sum(rl.quantity) AS quantity FROM return_lines rl JOIN returns x ON x.id = rl.return_id
                       WHERE x.status = 2 GROUP BY 1, 2) r ON r.order_id = m.order_id AND r.sku = m.sku
            WHERE coalesce(m.back, 0) <> coalesce(r.quantity, 0) ORDER BY 1, 2 LIMIT 1
            """, "order, sku, units put back, units on its completed returns");

    private async Task<string?> NothingPendingAsync() =>
        await First(R, "SELECT id, household_number, points, created_at FROM orders WHERE status = 1 ORDER BY created_at LIMIT 1",
            "order still pending after the recovery bound (id, household, points, created)")
        ?? await First(R, "SELECT id, order_id, points, created_at FROM returns WHERE status = 1 ORDER BY created_at LIMIT 1",
            "return still pending after the recovery bound (id, order, points, created)")
        ?? await First(S, "SELECT id, points, expires_at FROM holds WHERE status = 1 AND expires_at < now() - interval '45 seconds' ORDER BY id LIMIT 1",
            "hold still active 45 s after it expired (id, points, expires)");

    /// <summary>See <see cref="PayoutChecks"/>.</summary>
    private Task<string?> PayoutsAsync() => new PayoutChecks(D, books.Distribution).RunAsync();

    private async Task<string?> OutboxSentAsync()
    {
        foreach (var (service, db) in new[] { ("Scoring", S), ("Redemption", R), ("Dividends", D) })
        {
            var unsent = await First(db, "SELECT sequence, type, occurred_at, attempts, last_error FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence LIMIT 1",
                $"{service} outbox row not sent (sequence, type, occurred, attempts, last error)");
            if (unsent is not null)
            {
                return unsent;
            }
        }

        return null;
    }

    /// <summary>Every event of a consumed type has exactly one inbox row at its consumer, and no inbox row names an event never sent.</summary>
    private async Task<string?> InboxOnceAsync()
    {
        (string Source, string Type, string Target, string Consumer)[] pairs =
        [
            (S, "HouseholdRegistered", R, "HouseholdRegisteredConsumer"),
            (S, "HouseholdChanged", R, "HouseholdChangedConsumer"),
            (S, "VillageRegistered", R, "VillageRegisteredConsumer"),
            (D, "MemberJoinedCooperative", S, "MemberJoinedConsumer"),
        ];
        foreach (var (source, type, target, consumer) in pairs)
        {
            var sent = (await Sql.RowsAsync(source, "SELECT event_id FROM outbox_messages WHERE type LIKE @t", ("t", $"%.{type},%")))
                .Select(r => (Guid)r[0]!).ToHashSet();
            var handled = (await Sql.RowsAsync(target, "SELECT message_id FROM inbox_messages WHERE consumer = @c", ("c", consumer)))
                .Select(r => (Guid)r[0]!).ToList();
            var missing = sent.Except(handled).Order().FirstOrDefault();
            if (missing != Guid.Empty)
            {
                return $"{type} event {missing} was sent but {consumer} never handled it ({sent.Count} sent, {handled.Count} handled)";
            }

            var unknown = handled.Except(sent).Order().FirstOrDefault();
            if (unknown != Guid.Empty || handled.Count != handled.Distinct().Count())
            {
                return $"{consumer} has inbox row {unknown} for an event not in the outbox, or twice ({sent.Count} sent, {handled.Count} handled)";
            }
        }

        return null;
    }

    /// <summary>Every household of Scoring is in the counter's copy, and a merged one is merged there too, into the same household.</summary>
    private async Task<string?> HouseholdCopyAsync()
    {
        var copy = (await Sql.RowsAsync(R, "SELECT village_code, number, coalesce(merged_into, '') FROM households"))
            .ToDictionary(r => ((string)r[0]!, (string)r[1]!), r => (string)r[2]!);
        foreach (var row in await Sql.RowsAsync(S, """
            SELECT h.village_code, h.number, coalesce(t.number, '') FROM households h LEFT JOIN households t ON t.id = h.merged_into_id ORDER BY 1, 2
            """))
        {
            var (village, number, mergedInto) = ((string)row[0]!, (string)row[1]!, (string)row[2]!);
            if (!copy.TryGetValue((village, number), out var copied))
            {
                return $"household {village}/{number} is in Scoring but not in the counter's copy";
            }

            if (copied != mergedInto)
            {
                return $"household {village}/{number}: merged into '{mergedInto}' in Scoring, '{copied}' in the counter's copy ('' = not merged)";
            }
        }

        return null;
    }

    private async Task<string?> JournalAsync()
    {
        var journal = new ScoringApi.Journal.JournalClient(deployment.Scoring);
        for (var v = 0; v < RunPlan.Villages; v++)
        {
            var village = plan.Village(v);
            await journal.SealJournalAsync(new ScoringApi.SealJournalRequest { VillageCode = village }, deadline: DateTime.UtcNow.AddSeconds(60));
            var verdict = await journal.VerifyJournalAsync(new ScoringApi.VerifyJournalRequest { VillageCode = village }, deadline: DateTime.UtcNow.AddSeconds(60));
            if (!verdict.Intact)
            {
                return $"{village}: {verdict.Finding} (first bad entry {verdict.FirstBadEntryId}, household {verdict.FirstBadHouseholdNumber}, {verdict.EntriesChecked} checked)";
            }
        }

        return null;
    }

    /// <summary>
    /// Each village's red and black lists per month as the ledger gives them, against the sorted
    /// sets in Redis: as the events left them (only when Redis was not flushed in the run), then
    /// after RebuildLeaderboard.
    /// </summary>
    private async Task<string?> LeaderboardsAsync()
    {
        var expected = await ExpectedBoardsAsync();
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"{deployment.Infra.Redis},abortConnect=false");
        if (!redisFlushed)
        {
            var before = await CompareAsync(redis, expected, "as the events left them");
            if (before is not null)
            {
                return before;
            }
        }

        var ledger = new ScoringApi.Ledger.LedgerClient(deployment.Scoring);
        foreach (var (village, period) in expected.Keys.Select(k => (k.Village, k.Period)).Distinct())
        {
            await ledger.RebuildLeaderboardAsync(new ScoringApi.RebuildLeaderboardRequest { VillageCode = village, Period = period }, deadline: DateTime.UtcNow.AddSeconds(60));
        }

        return await CompareAsync(redis, expected, "after the rebuild");
    }

    private async Task<Dictionary<(string Village, string Period, string List), Dictionary<string, long>>> ExpectedBoardsAsync()
    {
        var rows = await Sql.RowsAsync(S, """
            SELECT e.village_code, e.period, h.number, e.kind, sum(e.points)::bigint FROM ledger_entries e JOIN households h ON h.id = e.household_id
            WHERE e.kind IN (1, 2, 3) GROUP BY 1, 2, 3, 4, sign(e.points)
            """);
        var boards = new Dictionary<(string, string, string), Dictionary<string, long>>();
        foreach (var row in rows)
        {
            var (village, period, number, kind, points) = ((string)row[0]!, (string)row[1]!, (string)row[2]!, (int)row[3]!, (long)row[4]!);
            var (list, score) = kind switch
            {
                1 => ("red", points),
                2 => ("black", -points),
                _ when points < 0 => ("red", points),
                _ => ("black", -points),
            };
            var board = boards.TryGetValue((village, period, list), out var b) ? b : boards[(village, period, list)] = [];
            board[number] = board.GetValueOrDefault(number) + score;
        }

        return boards;
    }

    private static async Task<string?> CompareAsync(ConnectionMultiplexer redis, Dictionary<(string Village, string Period, string List), Dictionary<string, long>> expected, string when)
    {
        var db = redis.GetDatabase();
        foreach (var ((village, period, list), board) in expected.OrderBy(k => k.Key.ToString(), StringComparer.Ordinal))
        {
            var actual = (await db.SortedSetRangeByRankWithScoresAsync($"scoring:lb:{village}:{period}:{list}"))
                .Where(e => e.Score != 0).ToDictionary(e => (string)e.Element!, e => (long)e.Score);
            foreach (var (number, points) in board.Where(b => b.Value != 0).OrderBy(b => b.Key, StringComparer.Ordinal))
            {
                if (actual.GetValueOrDefault(number) != points)
                {
                    return $"{when}: {village} {period} {list} list, household {number}: ledger {points}, Redis {actual.GetValueOrDefault(number).ToString(CultureInfo.InvariantCulture)}";
                }
            }

            var extra = actual.Keys.Where(k => board.GetValueOrDefault(k) == 0).Order(StringComparer.Ordinal).FirstOrDefault();
            if (extra is not null)
            {
                return $"{when}: {village} {period} {list} list, household {extra}: ledger 0, Redis {actual[extra]}";
            }
        }

        return null;
    }
}
