using Google.Rpc;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.Redemption.ScoringLink;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Faults;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Orders;

/// <summary>
/// A redemption as try, confirm, cancel (DESIGN.md): the order and its stock reservation commit
/// locally; Scoring holds the points under the order id and captures them; the order is marked
/// done, its stock consumed and the goods-redeemed event written in one transaction. A refusal
/// undoes the reservation; an unknown outcome leaves the order pending for the recovery worker.
/// Every step is idempotent on the order id, so the request, a retry and the worker may race.
/// </summary>
internal sealed partial class Redemptions(
    RedemptionDb db, StockBook stock, CounterDesk desk, ScoringLedger scoring, TimeProvider time,
    IOptions<RedemptionSettings> settings, FailPoints failPoints, ILogger<Redemptions> log, PostgresCounter? postgres = null)
{
    private const string Operation = "Redeem";

    private int HoldTtlSeconds => settings.Value.HoldTtlSeconds;

    /// <summary>How old a pending order must be before recovery may decide that its hold never reached Scoring.</summary>
    public TimeSpan Grace => TimeSpan.FromSeconds(settings.Value.RecoveryGraceSeconds);

    public async Task<Api.Receipt> RedeemAsync(Api.RedeemRequest request, CancellationToken ct)
    {
        var orderId = IdempotentWrites<RedemptionDb>.CheckKey(request.OrderId, "order_id");
        var hash = RequestFingerprint.Of(Operation, request);
        CachedHousehold household;
        Dictionary<string, Item> items;
        List<RedemptionRules.Line> lines;
        string actor;
        CounterDesk.CounterPlace place;
        if (postgres is null)
        {
            if (await FindAsync(orderId, ct) is { } known)
            {
                return await ReplayAsync(known, hash);
            }

            actor = Input.Text(request.Actor, "actor", "clerk's name");
            lines = RedemptionRules.Lines(request.Lines.Select(l => (l.Sku, l.Quantity)).ToList());
            place = await desk.CounterAsync(request.CounterCode, ct);
            household = await desk.HouseholdAsync(place, request.VillageCode, request.HouseholdNumber, ct);
            var skus = lines.Select(l => l.Sku).ToList();
            items = await db.Items.AsNoTracking().Where(i => i.SupermarketCode == place.Supermarket && skus.Contains(i.Sku))
                .ToDictionaryAsync(i => i.Sku, ct);
        }
        else
        {
            // The request is checked first, so the order, the household and the items can be read
            // in one round trip; a request that fails the checks is still answered as a replay
            // when its order id is known, as on the EF path.
            CounterDesk.HouseholdQuery query;
            try
            {
                actor = Input.Text(request.Actor, "actor", "clerk's name");
                lines = RedemptionRules.Lines(request.Lines.Select(l => (l.Sku, l.Quantity)).ToList());
                place = await desk.CounterAsync(request.CounterCode, ct);
                query = CounterDesk.Household(place, request.VillageCode, request.HouseholdNumber);
            }
            catch (DomainException)
            {
                if (await FindAsync(orderId, ct) is { } known)
                {
                    return await ReplayAsync(known, hash);
                }

                throw;
            }

            var look = await postgres.LookAsync(orderId, place.Supermarket, query, lines.Select(l => l.Sku).ToArray(), ct);
            if (look.Known is { } seen)
            {
                return await ReplayAsync(seen, hash);
            }

            household = await desk.ChooseAsync(place, query, look.Households, ct);
            items = look.Items;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var order = new Order
        {
            Id = orderId,
            RequestHash = hash,
            SupermarketCode = place.Supermarket,
            CounterCode = place.Counter,
            VillageCode = household.VillageCode,
            HouseholdNumber = household.Number,
            HeadName = household.HeadName,
            Status = OrderStatus.Pending,
            CreatedAt = now,
            Actor = actor,
        };
        try
        {
            foreach (var line in lines)
            {
                var item = RedemptionRules.Check(line, items.GetValueOrDefault(line.Sku), household);
                var points = RedemptionRules.Points(line, item);
                order.Points = checked(order.Points + points);
                order.Lines.Add(new OrderLine
                {
                    OrderId = orderId,
                    LineNumber = line.Number,
                    Sku = item.Sku,
                    Name = item.Name,
                    Unit = item.Unit,
                    Quantity = line.Quantity,
                    UnitPoints = item.PricePoints,
                    Points = points,
                    LimitPeriod = item.LimitPerHousehold > 0 ? ChinaTime.Period(item.LimitPeriod, now) : null,
                });
            }
        }
        catch (OverflowException)
        {
            throw DomainException.Invalid("ORDER_TOO_LARGE", "The order's points do not fit in a number; split its lines into smaller orders.", "lines");
        }

        try
        {
            if (postgres is null)
            {
                await TryAsync(order, items, ct);
            }
            else if (await postgres.TryAsync(order, items, ct) is { } refusal)
            {
                var line = order.Lines.Single(l => l.LineNumber == refusal.LineNumber);
                throw refusal.Reason == "LIMIT_REACHED"
                    ? await LimitReachedAsync(order, line, items[line.Sku], line.LimitPeriod!, ct)
                    : await OutOfStockAsync(order, line, ct);
            }
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same order id arrived twice at once; the first one stands.
            db.ChangeTracker.Clear();
            return await ReplayAsync((await FindAsync(orderId, CancellationToken.None))!, hash);
        }
        catch (Npgsql.PostgresException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return await ReplayAsync((await FindAsync(orderId, CancellationToken.None))!, hash);
        }

        // From here on the order exists: a caller hanging up must not strand it half way.
        return await DriveAsync(order, CancellationToken.None);
    }

    public async Task<Api.Receipt> GetAsync(string? id, CancellationToken ct)
    {
        var orderId = IdempotentWrites<RedemptionDb>.CheckKey(id, "order_id");
        var order = await FindAsync(orderId, ct)
            ?? throw DomainException.NotFound("ORDER_NOT_FOUND", $"There is no order {orderId}.", ("order_id", orderId));
        return Receipts.From(order);
    }

    /// <summary>
    /// Settles a pending order with what Scoring knows of its hold: a hold that exists is
    /// captured and the order completed (the household's points were secured, so the redemption
    /// goes forward); a hold released, expired or never made cancels the order.
    /// </summary>
    public async Task<Order> RecoverAsync(Order order, CancellationToken ct)
    {
        Contracts.Scoring.V1.HoldResponse hold;
        try
        {
            hold = await scoring.GetHoldAsync(order.Id, ct);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            if (time.GetUtcNow().UtcDateTime - order.CreatedAt < Grace)
            {
                return order;
            }

            await CancelAsync(order.Id, "Scoring never held the points for this order; nothing was spent.", ct);
            return (await FindAsync(order.Id, ct))!;
        }
        catch (RpcException ex)
        {
            log.LogWarning("Order {OrderId} stays pending: Scoring did not answer ({Status}).", order.Id, ex.StatusCode);
            return order;
        }

        switch (hold.Status)
        {
            case Contracts.Scoring.V1.HoldStatus.Captured:
                return await CompleteAsync(order, hold.EntryId, hold.AvailableAfter, ct);
            case Contracts.Scoring.V1.HoldStatus.Active:
                try
                {
                    var captured = await scoring.CaptureAsync(order.Id, order.Actor, ct);
                    return await CompleteAsync(order, captured.EntryId, captured.AvailableAfter, ct);
                }
                catch (RpcException ex) when (ScoringOutcome.IsRefusal(ex))
                {
                    await ReleaseQuietlyAsync(order.Id, order.Actor);
                    await CancelAsync(order.Id, $"Scoring refused the capture: {ex.Status.Detail}", ct);
                    return (await FindAsync(order.Id, ct))!;
                }
                catch (RpcException)
                {
                    return order;
                }

            default:
                await CancelAsync(order.Id, $"The points hold was {hold.Status.ToString().ToLowerInvariant()} before the order completed; nothing was spent.", ct);
                return (await FindAsync(order.Id, ct))!;
        }
    }

    public Task<Order?> FindAsync(string orderId, CancellationToken ct) =>
        db.Orders.AsNoTracking().Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == orderId, ct);

    private async Task<Api.Receipt> DriveAsync(Order order, CancellationToken ct)
    {
        try
        {
            await scoring.HoldAsync(order.Id, order.VillageCode, order.HouseholdNumber, order.Points, HoldTtlSeconds, order.Actor, ct);
        }
        catch (RpcException ex) when (ScoringOutcome.IsRefusal(ex))
        {
            await CancelAsync(order.Id, $"Scoring refused to hold {order.Points} points: {ex.Status.Detail}", ct);
            throw Refused(ex, order);
        }
        catch (RpcException ex)
        {
            log.LogWarning("Order {OrderId} is pending: the hold's outcome is unknown ({Status}).", order.Id, ex.StatusCode);
            throw Pending(order.Id);
        }

        failPoints.Hit(RedemptionFailPoints.AfterHold, $"order {order.Id} is held at Scoring but not captured.");

        Contracts.Scoring.V1.HoldResponse captured;
        try
        {
            captured = await scoring.CaptureAsync(order.Id, order.Actor, ct);
        }
        catch (RpcException ex) when (ScoringOutcome.IsRefusal(ex))
        {
            await ReleaseQuietlyAsync(order.Id, order.Actor);
            await CancelAsync(order.Id, $"Scoring refused the capture: {ex.Status.Detail}", ct);
            throw Refused(ex, order);
        }
        catch (RpcException ex)
        {
            log.LogWarning("Order {OrderId} is pending: the capture's outcome is unknown ({Status}).", order.Id, ex.StatusCode);
            throw Pending(order.Id);
        }

        Order done;
        try
        {
            done = await CompleteAsync(order, captured.EntryId, captured.AvailableAfter, ct);
        }
        catch (Exception ex) when (ex is not DomainException and not OperationCanceledException)
        {
            // The points are spent; the order completes on the next retry or recovery pass.
            log.LogWarning(ex, "Order {OrderId} was captured but not yet marked done; recovery finishes it.", order.Id);
            throw Pending(order.Id);
        }

        return done.Status == OrderStatus.Completed ? Receipts.From(done) : throw Cancelled(done);
    }

    private async Task<Api.Receipt> ReplayAsync(Order order, byte[] hash)
    {
        if (!RequestFingerprint.Matches(order.RequestHash, hash))
        {
            throw DomainException.Precondition("ORDER_ID_REUSED",
                $"Order id {order.Id} was already used on {order.CreatedAt:yyyy-MM-dd HH:mm} UTC for another redemption (household {order.HouseholdNumber}); a new redemption needs a new order id.",
                ("order_id", order.Id));
        }

        if (order.Status == OrderStatus.Pending)
        {
            order = await RecoverAsync(order, CancellationToken.None);
        }

        return order.Status switch
        {
            OrderStatus.Completed => Receipts.From(order),
            OrderStatus.Cancelled => throw Cancelled(order),
            _ => throw Pending(order.Id),
        };
    }

    /// <summary>
    /// Frees a hold that can no longer be captured (expired but not yet swept), so the household's
    /// points are available again at once. Best effort: an unswept hold stops counting when it
    /// expires in Scoring anyway.
    /// </summary>
    private async Task ReleaseQuietlyAsync(string holdId, string actor)
    {
        try
        {
            await scoring.ReleaseAsync(holdId, actor, CancellationToken.None);
        }
        catch (RpcException ex)
        {
            log.LogInformation("Hold {HoldId} was not released ({Status}); it lapses in Scoring by itself.", holdId, ex.StatusCode);
        }
    }

    private static Dictionary<string, string> LineContext(OrderLine line) => new()
    {
        ["line"] = line.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["sku"] = line.Sku,
    };

    private static DomainException Pending(string orderId) => new(StatusCode.Unavailable, "ORDER_PENDING",
        $"Order {orderId} is recorded and its goods reserved, but Scoring has not confirmed the points yet. Do not hand over the goods: ask again with the same order id in a moment; the order is completed or cancelled automatically.",
        ("order_id", orderId));

    private static DomainException Cancelled(Order order) => DomainException.Precondition("ORDER_CANCELLED",
        $"Order {order.Id} was not redeemed: {order.CancelReason}",
        ("order_id", order.Id));

    private static DomainException Refused(RpcException ex, Order order)
    {
        var reason = ex.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "POINTS_REFUSED";
        var message = reason == "INSUFFICIENT_POINTS"
            ? $"Not enough points: the order needs {order.Points}. {ex.Status.Detail}"
            : $"Scoring refused the order: {ex.Status.Detail}";
        return new DomainException(ex.StatusCode == StatusCode.NotFound ? StatusCode.NotFound : StatusCode.FailedPrecondition, reason, message,
            ("order_id", order.Id));
    }
}
