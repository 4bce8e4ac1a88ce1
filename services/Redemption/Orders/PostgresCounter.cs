using Npgsql;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Orders;

/// <summary>
/// The counter's hot path on PostgreSQL, one round trip per step: the look-up (order known?
/// household, items) is one batch, the try (order, lines, limits, reservations) one statement,
/// the confirm (order completed, lots first-expiring-first and never past their best-before
/// date, movements, items, outbox) one statement. A statement is its own transaction: a refusal raises <c>redemption_refusal</c>
/// (<see cref="PostgresSchemaSql"/>), so everything the statement did rolls back. Locks are taken in
/// the order the EF path takes them (limits, then items in SKU order; the order row, then lots,
/// then items in SKU order, the item row last). Try and confirm statements of concurrent
/// counters share a round trip and a commit (<see cref="GroupCommit"/>, decision 0007): a group
/// first locks its SKUs' lots and items in SKU order (<see cref="LockFirst"/>), and a refusal in
/// a group sends each of its statements again alone, so each counter gets the answer it would
/// alone. EF Core's per-statement overhead cost more CPU here than the database work
/// (docs/benchmarks.md). SQLite (embedded) uses <see cref="EfCounterStore"/>; both stand behind <see cref="ICounterStore"/>.
/// </summary>
internal sealed class PostgresCounter(NpgsqlDataSource dataSource, OutboxSignal<RedemptionDb> signal, bool groupCommit = true) : IAsyncDisposable
{
    private readonly GroupCommit group = new(dataSource, groupCommit, lockFirst: LockFirst);

    /// <summary>
    /// Ahead of a group's statements, the rows they will take are locked SKU by SKU in SKU order,
    /// each SKU's lots before its item row: the order every other transaction here takes them in
    /// ("lot before item, as everywhere"; a cancel takes an item before its limit row). Without
    /// it a group took item rows in the order its orders arrived, and deadlocked with a cancel.
    /// </summary>
    private static IEnumerable<NpgsqlBatchCommand> LockFirst(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            var parts = key.Split(KeySeparator, 2);
            yield return Command(LockLotsSql, new NpgsqlParameter<string> { TypedValue = parts[0] }, new NpgsqlParameter<string> { TypedValue = parts[1] });
            yield return Command(LockItemSql, new NpgsqlParameter<string> { TypedValue = parts[0] }, new NpgsqlParameter<string> { TypedValue = parts[1] });
        }
    }

    /// <summary>Sorts before every character a code may hold, so keys sort by supermarket, then SKU.</summary>
    private const char KeySeparator = '\u0001';

    private static string[] Locks(string supermarket, IEnumerable<string> skus) => skus.Select(sku => supermarket + KeySeparator + sku).ToArray();

    /// <summary>$1 supermarket, $2 SKU: its lots with stock, in the order the confirm takes them.</summary>
    private const string LockLotsSql = """
        SELECT s.id FROM stock_lots s
        WHERE s.supermarket_code = $1 AND s.sku = $2 AND s.on_hand > 0
        ORDER BY s.best_before NULLS LAST, s.id
        FOR UPDATE
        """;

    /// <summary>$1 supermarket, $2 SKU.</summary>
    private const string LockItemSql = "SELECT i.sku FROM items i WHERE i.supermarket_code = $1 AND i.sku = $2 FOR UPDATE";

    /// <summary>The SQLSTATE <c>redemption_refusal</c> raises.</summary>
    public const string RefusedState = "RD001";

    private const int MaxAttempts = 5;
    private const string Reason = "Redeemed at the counter";
    private static readonly string GoodsRedeemedType = OutboxExtensions.TypeName(typeof(GoodsRedeemed));

    /// <summary>The package whose Redeem the confirm records (Redemption's), with the change it completes.</summary>
    private static readonly string Package = Platform.Contracts.Redemption.V1.Counter.Descriptor.File.Package;
    private static readonly string StockLowType = OutboxExtensions.TypeName(typeof(StockLow));

    /// <summary>$1 order id.</summary>
    private const string OrderSql = """
        SELECT o.id, o.request_hash, o.supermarket_code, o.counter_code, o.village_code, o.household_number, o.head_name, o.status,
               o.points, o.available_after, o.capture_entry_id, o.created_at, o.ended_at, o.cancel_reason, o.actor,
               l.line_number, l.sku, l.name, l.unit, l.quantity, l.unit_points, l.points, l.limit_period, l.returned_quantity
        FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id
        WHERE o.id = $1
        ORDER BY l.line_number
        """;

    /// <summary>$1 household number, $2 villages.</summary>
    private const string HouseholdsSql = """
        SELECT village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, updated_at,
               over70from, merged, merged_into
        FROM households WHERE number = $1 AND village_code = ANY($2)
        """;

    /// <summary>$1 supermarket, $2 SKUs.</summary>
    private const string ItemsSql = """
        SELECT supermarket_code, sku, name, unit, price_points, limit_per_household, limit_period, eligibility, low_stock_threshold,
               active, version, on_hand, reserved, low, updated_at
        FROM items WHERE supermarket_code = $1 AND sku = ANY($2)
        """;

    /// <summary>
    /// $1 order id, $2 request hash, $3 supermarket, $4 counter, $5 village, $6 household number,
    /// $7 head's name, $8 points, $9 now, $10 actor; the lines in SKU order as arrays: $11 line
    /// numbers, $12 SKUs, $13 names, $14 units, $15 quantities, $16 unit points, $17 points,
    /// $18 limit periods (null: no limit), $19 limits, $20 today (China time). No row on success; a refusal raises
    /// "LIMIT_REACHED line used", "OUT_OF_STOCK line available", "STOCK_EXPIRED line available best-before" or "ITEM_RETIRED line" (read by
    /// <see cref="CounterRefusal.Parse"/>), limits before stock, in SKU order, as the EF path checks them. The items are locked (in SKU order) only once every limit
    /// held, and only then reserved. A reservation counts only units of lots not expired on $20
    /// (expired units stay on hand until written off); STOCK_EXPIRED when the expired ones would
    /// have served, naming the latest best-before date among them.
    /// </summary>
    private const string TrySql = """
        WITH lines AS (
            SELECT * FROM unnest($11::int[], $12::text[], $13::text[], $14::text[], $15::int[], $16::bigint[], $17::bigint[], $18::text[], $19::int[])
                WITH ORDINALITY AS l (line_number, sku, name, unit, quantity, unit_points, points, period, lim, ord)
        ), placed AS (
            INSERT INTO orders (id, request_hash, supermarket_code, counter_code, village_code, household_number, head_name, status, points,
                                available_after, capture_entry_id, created_at, ended_at, cancel_reason, actor)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, 0, NULL, $9, NULL, NULL, $10)
            RETURNING id
        ), placed_lines AS (
            INSERT INTO order_lines (order_id, line_number, sku, name, unit, quantity, unit_points, points, limit_period, returned_quantity)
            SELECT p.id, l.line_number, l.sku, l.name, l.unit, l.quantity, l.unit_points, l.points, l.period, 0 FROM placed p, lines l
        ), used AS (
            INSERT INTO household_usage AS u (supermarket_code, sku, village_code, household_number, period, quantity)
            SELECT $3, l.sku, $5, $6, l.period, l.quantity FROM lines l WHERE l.period IS NOT NULL ORDER BY l.ord
            ON CONFLICT (supermarket_code, sku, village_code, household_number, period)
            DO UPDATE SET quantity = u.quantity + excluded.quantity
            WHERE u.quantity + excluded.quantity <= (SELECT l.lim FROM lines l WHERE l.sku = excluded.sku)
            RETURNING u.sku
        ), within_limits AS (
            SELECT count(*) = (SELECT count(*) FROM lines WHERE period IS NOT NULL) AS ok FROM used
        ), locked AS (
            SELECT i.sku FROM items i
            WHERE i.supermarket_code = $3 AND i.sku = ANY($12) AND (SELECT ok FROM within_limits)
            ORDER BY i.sku COLLATE "C"
            FOR UPDATE
        ), reserved AS (
            UPDATE items i SET reserved = i.reserved + l.quantity
            FROM lines l
            WHERE i.supermarket_code = $3 AND i.sku = ANY($12) AND i.sku = l.sku AND i.active AND i.on_hand - i.reserved >= l.quantity
              AND i.sku IN (SELECT sku FROM locked)
              AND (SELECT coalesce(sum(g.on_hand), 0) FROM stock_lots g
                   WHERE g.supermarket_code = $3 AND g.sku = l.sku AND (g.best_before IS NULL OR g.best_before >= $20)) - i.reserved >= l.quantity
            RETURNING i.sku
        )
        SELECT redemption_refusal(CASE f.kind
                   WHEN 1 THEN 'LIMIT_REACHED ' || f.line_number || ' ' || coalesce((
                       SELECT u.quantity FROM household_usage u
                       WHERE u.supermarket_code = $3 AND u.sku = f.sku AND u.village_code = $5 AND u.household_number = $6 AND u.period = f.period), 0)
                   ELSE CASE WHEN NOT (SELECT i.active FROM items i WHERE i.supermarket_code = $3 AND i.sku = f.sku)
                             THEN 'ITEM_RETIRED ' || f.line_number
                             WHEN (SELECT i.on_hand - i.reserved FROM items i WHERE i.supermarket_code = $3 AND i.sku = f.sku) >= f.quantity
                                  AND x.latest IS NOT NULL
                             THEN 'STOCK_EXPIRED ' || f.line_number || ' ' || x.available || ' ' || to_char(x.latest, 'YYYY-MM-DD')
                             ELSE 'OUT_OF_STOCK ' || f.line_number || ' ' || x.available END
               END)
        FROM (
            SELECT o.kind, o.line_number, o.sku, o.period, o.quantity FROM (
                SELECT CASE WHEN l.period IS NOT NULL AND NOT EXISTS (SELECT 1 FROM used u WHERE u.sku = l.sku) THEN 1
                            WHEN NOT EXISTS (SELECT 1 FROM reserved r WHERE r.sku = l.sku) THEN 2 END AS kind,
                       l.line_number, l.sku, l.period, l.quantity, l.ord
                FROM lines l) o
            WHERE o.kind IS NOT NULL
            ORDER BY o.kind, o.ord
            LIMIT 1) f
        CROSS JOIN LATERAL (
            SELECT coalesce((SELECT sum(g.on_hand) FROM stock_lots g
                             WHERE g.supermarket_code = $3 AND g.sku = f.sku AND (g.best_before IS NULL OR g.best_before >= $20)), 0)
                   - coalesce((SELECT i.reserved FROM items i WHERE i.supermarket_code = $3 AND i.sku = f.sku), 0) AS available,
                   (SELECT max(g.best_before) FROM stock_lots g
                    WHERE g.supermarket_code = $3 AND g.sku = f.sku AND g.on_hand > 0 AND g.best_before < $20) AS latest) x
        """;

    /// <summary>
    /// $1 order id, $2 now, $3 capture entry id, $4 available after, $5 supermarket, $6 SKUs and
    /// $7 quantities in SKU order, $8 actor, $9 GoodsRedeemed's event id, $10 its type, $11 its
    /// payload, $12 StockLow's type, $13 the events' time as JSON text, $14 the movements' reason, $15–$24 the Redeem
    /// call's audit record (inserted when the order is claimed: the call then answers OK), $25 today (China time): lots
    /// whose best-before date is earlier are never taken, whatever the reservation counted. Answers 1 when this call
    /// moved the order out of pending, 0 when it was not pending. The lots each line needs are
    /// chosen from the statement's snapshot and then locked (FOR UPDATE cannot share a SELECT
    /// with the window function), and the take is worked out again on the locked rows; should a
    /// concurrent taker have emptied one meanwhile, the statement raises "STOCK_SHORT sku" and is
    /// run again ("STOCK_EXPIRED sku" when expired units are on hand: the good lots fall short). The item rows are locked last, in SKU order; the lock also gives their "low"
    /// flag as it was, so StockLow is written once per crossing of the threshold.
    /// </summary>
    private static readonly string CompleteSql = $"""
        WITH claimed AS (
            UPDATE orders SET status = 2, ended_at = $2, capture_entry_id = $3, available_after = $4
            WHERE id = $1 AND status = 1
            RETURNING id
        ), lines AS (
            SELECT l.sku, l.quantity FROM unnest($6::text[], $7::int[]) AS l (sku, quantity)
        ), wanted AS (
            SELECT w.id FROM (
                SELECT s.id, l.quantity,
                       sum(s.on_hand) OVER (PARTITION BY s.sku ORDER BY s.best_before NULLS LAST, s.id ROWS UNBOUNDED PRECEDING) - s.on_hand AS before
                FROM stock_lots s JOIN lines l ON l.sku = s.sku
                WHERE s.supermarket_code = $5 AND s.sku = ANY($6) AND s.on_hand > 0 AND (s.best_before IS NULL OR s.best_before >= $25)) w
            WHERE w.before < w.quantity
        ), locked AS (
            SELECT s.id, s.sku, s.on_hand, s.best_before FROM stock_lots s
            WHERE s.id IN (SELECT id FROM wanted) AND s.on_hand > 0 AND (s.best_before IS NULL OR s.best_before >= $25) AND EXISTS (SELECT 1 FROM claimed)
            ORDER BY s.sku COLLATE "C", s.best_before NULLS LAST, s.id
            FOR UPDATE
        ), takes AS (
            SELECT t.id, t.sku, t.best_before, least(t.on_hand, t.quantity - t.before) AS part FROM (
                SELECT k.id, k.sku, k.best_before, k.on_hand, l.quantity,
                       sum(k.on_hand) OVER (PARTITION BY k.sku ORDER BY k.best_before NULLS LAST, k.id ROWS UNBOUNDED PRECEDING) - k.on_hand AS before
                FROM locked k JOIN lines l ON l.sku = k.sku) t
            WHERE t.before < t.quantity
        ), taken AS (
            UPDATE stock_lots s SET on_hand = s.on_hand - t.part FROM takes t WHERE s.id = t.id
            RETURNING s.id, s.sku, s.best_before, t.part
        ), moved AS (
            INSERT INTO stock_movements (supermarket_code, sku, lot_id, kind, quantity, reason, order_id, actor, at, request_id)
            SELECT $5, t.sku, t.id, 2, -t.part, $14, $1, $8, $2, $1 FROM taken t
            ORDER BY t.sku COLLATE "C", t.best_before NULLS LAST, t.id
        ), item_locks AS (
            SELECT i.sku, i.low FROM items i
            WHERE i.supermarket_code = $5 AND i.sku = ANY($6) AND (SELECT count(*) FROM taken) > 0
            ORDER BY i.sku COLLATE "C"
            FOR UPDATE
        ), settled AS (
            UPDATE items i SET on_hand = i.on_hand - l.quantity, reserved = i.reserved - l.quantity, updated_at = $2,
                   low = i.low OR (i.low_stock_threshold > 0 AND i.on_hand - l.quantity < i.low_stock_threshold)
            FROM lines l, item_locks k
            WHERE i.supermarket_code = $5 AND i.sku = ANY($6) AND i.sku = l.sku AND k.sku = l.sku AND i.reserved >= l.quantity
            RETURNING i.sku, i.name, i.on_hand, i.low_stock_threshold, i.low AND NOT k.low AS crossed
        ), redeemed AS (
            INSERT INTO outbox_messages (event_id, type, payload, occurred_at, attempts)
            SELECT $9, $10, $11, $2, 0 FROM claimed
            RETURNING sequence
        ), crossings AS MATERIALIZED (
            SELECT gen_random_uuid() AS event_id, s.sku, s.name, s.on_hand, s.low_stock_threshold FROM settled s
            WHERE s.crossed AND EXISTS (SELECT 1 FROM redeemed)
        ), low AS (
            INSERT INTO outbox_messages (event_id, type, payload, occurred_at, attempts)
            SELECT c.event_id, $12, json_build_object('eventId', c.event_id, 'occurredAt', $13, 'supermarketCode', $5, 'sku', c.sku,
                       'name', c.name, 'onHand', c.on_hand, 'threshold', c.low_stock_threshold)::text, $2, 0
            FROM crossings c ORDER BY c.sku COLLATE "C"
        ), {AuditInStatement.Cte("audit", 15, "claimed")}
        SELECT c.n, (
            SELECT redemption_refusal(CASE WHEN EXISTS (
                       SELECT 1 FROM stock_lots g WHERE g.supermarket_code = $5 AND g.sku = f.sku AND g.on_hand > 0 AND g.best_before < $25)
                   THEN 'STOCK_EXPIRED ' ELSE 'STOCK_SHORT ' END || f.sku) FROM (
                SELECT l.sku FROM lines l
                WHERE c.n = 1 AND (coalesce((SELECT sum(t.part) FROM taken t WHERE t.sku = l.sku), 0) <> l.quantity
                                   OR NOT EXISTS (SELECT 1 FROM settled s WHERE s.sku = l.sku))
                ORDER BY l.sku COLLATE "C"
                LIMIT 1) f)
        FROM (SELECT count(*) AS n FROM claimed) c
        """;

    /// <summary>What the counter needs to know before it tries an order, read in one round trip.</summary>
    public sealed record Look(Order? Known, List<CachedHousehold> Households, Dictionary<string, Item> Items);

    /// <summary>$1 order id: the order and its lines, as the look-up reads them.</summary>
    public async Task<Order?> FindAsync(string orderId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(OrderSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = orderId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadOrderAsync(reader, ct);
    }

    public async Task<Look> LookAsync(string orderId, string supermarket, CounterDesk.HouseholdQuery household, string[] skus, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(OrderSql, new NpgsqlParameter<string> { TypedValue = orderId }));
        batch.BatchCommands.Add(Command(HouseholdsSql,
            new NpgsqlParameter<string> { TypedValue = household.Number }, new NpgsqlParameter<string[]> { TypedValue = household.Villages }));
        batch.BatchCommands.Add(Command(ItemsSql,
            new NpgsqlParameter<string> { TypedValue = supermarket }, new NpgsqlParameter<string[]> { TypedValue = skus }));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var known = await ReadOrderAsync(reader, ct);
        await reader.NextResultAsync(ct);
        var households = new List<CachedHousehold>();
        while (await reader.ReadAsync(ct))
        {
            households.Add(new CachedHousehold
            {
                VillageCode = reader.GetString(0),
                Number = reader.GetString(1),
                HeadName = reader.GetString(2),
                MemberCount = reader.GetInt32(3),
                PovertyRegistered = reader.GetBoolean(4),
                Monitored = reader.GetBoolean(5),
                HasMemberOver70 = reader.GetBoolean(6),
                UpdatedAt = reader.GetDateTime(7),
                Over70From = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateOnly>(8),
                Merged = reader.GetBoolean(9),
                MergedInto = reader.IsDBNull(10) ? null : reader.GetString(10),
            });
        }

        await reader.NextResultAsync(ct);
        var items = new Dictionary<string, Item>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var item = new Item
            {
                SupermarketCode = reader.GetString(0),
                Sku = reader.GetString(1),
                Name = reader.GetString(2),
                Unit = reader.GetString(3),
                PricePoints = reader.GetInt64(4),
                LimitPerHousehold = reader.GetInt32(5),
                LimitPeriod = (LimitPeriod)reader.GetInt32(6),
                Eligibility = (Eligibility)reader.GetInt32(7),
                LowStockThreshold = reader.GetInt32(8),
                Active = reader.GetBoolean(9),
                Version = reader.GetInt32(10),
                OnHand = reader.GetInt64(11),
                Reserved = reader.GetInt64(12),
                Low = reader.GetBoolean(13),
                UpdatedAt = reader.GetDateTime(14),
            };
            items[item.Sku] = item;
        }

        return new Look(known, households, items);
    }

    private static async Task<Order?> ReadOrderAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        Order? known = null;
        while (await reader.ReadAsync(ct))
        {
            known ??= new Order
            {
                Id = reader.GetString(0),
                RequestHash = reader.GetFieldValue<byte[]>(1),
                SupermarketCode = reader.GetString(2),
                CounterCode = reader.GetString(3),
                VillageCode = reader.GetString(4),
                HouseholdNumber = reader.GetString(5),
                HeadName = reader.GetString(6),
                Status = (OrderStatus)reader.GetInt32(7),
                Points = reader.GetInt64(8),
                AvailableAfter = reader.GetInt64(9),
                CaptureEntryId = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                CreatedAt = reader.GetDateTime(11),
                EndedAt = reader.IsDBNull(12) ? null : reader.GetDateTime(12),
                CancelReason = reader.IsDBNull(13) ? null : reader.GetString(13),
                Actor = reader.GetString(14),
            };
            if (!reader.IsDBNull(15))
            {
                known.Lines.Add(new OrderLine
                {
                    OrderId = known.Id,
                    LineNumber = reader.GetInt32(15),
                    Sku = reader.GetString(16),
                    Name = reader.GetString(17),
                    Unit = reader.GetString(18),
                    Quantity = reader.GetInt32(19),
                    UnitPoints = reader.GetInt64(20),
                    Points = reader.GetInt64(21),
                    LimitPeriod = reader.IsDBNull(22) ? null : reader.GetString(22),
                    ReturnedQuantity = reader.GetInt32(23),
                });
            }
        }

        return known;
    }

    /// <summary>
    /// Records the order as pending, raises the limits' usage and reserves the stock, or, when a
    /// line is refused, nothing at all. A concurrent insert of the same order id is answered as taken.
    /// </summary>
    public async Task<Reservation> TryAsync(Order order, IReadOnlyDictionary<string, Item> items, CancellationToken ct)
    {
        var lines = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToArray();
        void Bind(NpgsqlParameterCollection p)
        {
            p.Add(new NpgsqlParameter<string> { TypedValue = order.Id });
            p.Add(new NpgsqlParameter<byte[]> { TypedValue = order.RequestHash });
            p.Add(new NpgsqlParameter<string> { TypedValue = order.SupermarketCode });
            p.Add(new NpgsqlParameter<string> { TypedValue = order.CounterCode });
            p.Add(new NpgsqlParameter<string> { TypedValue = order.VillageCode });
            p.Add(new NpgsqlParameter<string> { TypedValue = order.HouseholdNumber });
            p.Add(new NpgsqlParameter<string> { TypedValue = order.HeadName });
            p.Add(new NpgsqlParameter<long> { TypedValue = order.Points });
            p.Add(new NpgsqlParameter<DateTime> { TypedValue = order.CreatedAt });
            p.Add(new NpgsqlParameter<string> { TypedValue = order.Actor });
            p.Add(new NpgsqlParameter<int[]> { TypedValue = lines.Select(l => l.LineNumber).ToArray() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = lines.Select(l => l.Sku).ToArray() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = lines.Select(l => l.Name).ToArray() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = lines.Select(l => l.Unit).ToArray() });
            p.Add(new NpgsqlParameter<int[]> { TypedValue = lines.Select(l => l.Quantity).ToArray() });
            p.Add(new NpgsqlParameter<long[]> { TypedValue = lines.Select(l => l.UnitPoints).ToArray() });
            p.Add(new NpgsqlParameter<long[]> { TypedValue = lines.Select(l => l.Points).ToArray() });
            p.Add(new NpgsqlParameter<string?[]> { TypedValue = lines.Select(l => l.LimitPeriod).ToArray() });
            p.Add(new NpgsqlParameter<int[]> { TypedValue = lines.Select(l => items[l.Sku].LimitPerHousehold).ToArray() });
            p.Add(new NpgsqlParameter<DateOnly> { TypedValue = ChinaTime.Today(order.CreatedAt) });
        }

        try
        {
            await group.RunAsync(TrySql, Bind, _ => Task.FromResult(true), ct, Locks(order.SupermarketCode, lines.Select(l => l.Sku)));
            return Reservation.Reserved;
        }
        catch (PostgresException ex) when (ex.SqlState == RefusedState)
        {
            return Reservation.Refused(CounterRefusal.Parse(ex.MessageText));
        }
        catch (PostgresException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same order id arrived twice at once; the first one stands.
            return Reservation.Taken;
        }
    }

    /// <summary>
    /// Marks the order completed and consumes its reserved stock, once; <see cref="Completion.StockShort"/>
    /// when the lots could not give what the item's figures promised.
    /// </summary>
    public async Task<Completion> CompleteAsync(Order order, long entryId, long availableAfter, DateTime now, CancellationToken ct)
    {
        // The counter's last local step: a redemption's one record, which its other steps leave to after the call.
        var audit = AuditInStatement.Stage(Package, lastStep: true);
        try
        {
            return await CompleteAsync(order, entryId, availableAfter, now, audit, ct);
        }
        finally
        {
            audit?.Release();
        }
    }

    private async Task<Completion> CompleteAsync(Order order, long entryId, long availableAfter, DateTime now, AuditInStatement? audit, CancellationToken ct)
    {
        var lines = order.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal).ToArray();
        var occurred = new DateTimeOffset(now, TimeSpan.Zero);
        for (var attempt = 1; ; attempt++)
        {
            var redeemed = new GoodsRedeemed(Guid.NewGuid(), occurred, order.Id, order.SupermarketCode, order.CounterCode,
                order.VillageCode, order.HouseholdNumber, order.Points, order.Lines.Select(l => new RedeemedLine(l.Sku, l.Quantity, l.Points)).ToList());
            void Bind(NpgsqlParameterCollection p)
            {
                p.Add(new NpgsqlParameter<string> { TypedValue = order.Id });
                p.Add(new NpgsqlParameter<DateTime> { TypedValue = occurred.UtcDateTime });
                p.Add(new NpgsqlParameter<long> { TypedValue = entryId });
                p.Add(new NpgsqlParameter<long> { TypedValue = availableAfter });
                p.Add(new NpgsqlParameter<string> { TypedValue = order.SupermarketCode });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = lines.Select(l => l.Sku).ToArray() });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = lines.Select(l => l.Quantity).ToArray() });
                p.Add(new NpgsqlParameter<string> { TypedValue = order.Actor });
                p.Add(new NpgsqlParameter<Guid> { TypedValue = redeemed.EventId });
                p.Add(new NpgsqlParameter<string> { TypedValue = GoodsRedeemedType });
                p.Add(new NpgsqlParameter<string> { TypedValue = OutboxExtensions.Payload(redeemed) });
                p.Add(new NpgsqlParameter<string> { TypedValue = StockLowType });
                p.Add(new NpgsqlParameter<string> { TypedValue = occurred.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
                p.Add(new NpgsqlParameter<string> { TypedValue = Reason });
                AuditInStatement.Bind(audit, p);
                p.Add(new NpgsqlParameter<DateOnly> { TypedValue = ChinaTime.Today(occurred.UtcDateTime) });
            }

            try
            {
                var claimed = await group.RunAsync(CompleteSql, Bind, async reader =>
                {
                    await reader.ReadAsync(CancellationToken.None);
                    return reader.GetInt64(0) == 1;
                }, ct, Locks(order.SupermarketCode, lines.Select(l => l.Sku)));
                if (!claimed)
                {
                    return Completion.NotPending;
                }

                audit?.Committed();
                signal.Notify();
                return Completion.Completed;
            }
            catch (PostgresException ex) when (ex.SqlState == RefusedState && attempt < MaxAttempts)
            {
                // A lot chosen from the snapshot was emptied by a concurrent taker before it was
                // locked; the statement rolled back as a whole, and a new snapshot sees the others.
            }
            catch (PostgresException ex) when (ex.SqlState == RefusedState)
            {
                return ex.MessageText.StartsWith("STOCK_EXPIRED", StringComparison.Ordinal) ? Completion.StockExpired : Completion.StockShort;
            }
        }
    }

    /// <summary>How the try and confirm statements went to the database: in groups, or alone.</summary>
    public (long Groups, long Statements, long RunAlone) GroupCounts => group.Counts;

    public async ValueTask DisposeAsync()
    {
        await group.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
