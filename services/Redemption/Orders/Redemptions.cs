using Grpc.Core;
using Microsoft.Extensions.Options;
using Platform.Redemption.ScoringLink;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Faults;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Orders;

/// <summary>
/// A redemption (decision 0013): the order and its stock reservation commit locally; Scoring
/// spends the points in one call under the order id; the order is completed, its stock consumed
/// and GoodsRedeemed written in one transaction. A refusal undoes the reservation; an unknown
/// outcome leaves the order pending, and recovery settles it by what Scoring knows of the spend,
/// fencing the order id there before it cancels. Storage is <see cref="ICounterStore"/>'s.
/// </summary>
internal sealed class Redemptions(
    ICounterStore store, CounterDesk desk, CounterFlights flights, ScoringLedger scoring, TimeProvider time,
    IOptions<RedemptionSettings> settings, FailPoints failPoints, ILogger<Redemptions> log)
{
    private const string Operation = "Redeem";

    /// <summary>How old an order made since this process started must be before recovery takes it as abandoned by a request elsewhere.</summary>
    private TimeSpan AbandonedAfter => TimeSpan.FromSeconds(settings.Value.ScoringTimeoutSeconds + 1);

    public async Task<Api.Receipt> RedeemAsync(Api.RedeemRequest request, CancellationToken ct)
    {
        var orderId = IdempotentWrites<Data.RedemptionDb>.CheckKey(request.OrderId, "order_id");
        var hash = RequestFingerprint.Of(Operation, request);
        string actor;
        List<RedemptionRules.Line> lines;
        CounterDesk.CounterPlace place;
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
            // A request that fails the checks is still answered as a replay when its order id is known.
            if (await store.FindAsync(orderId, ct) is { } known)
            {
                return await ReplayAsync(known, hash);
            }

            throw;
        }

        var look = await store.LookAsync(orderId, place.Supermarket, query, lines.Select(l => l.Sku).ToArray(), ct);
        if (look.Known is { } seen)
        {
            return await ReplayAsync(seen, hash);
        }

        var household = await desk.ChooseAsync(place, query, look.Households, ct);
        var order = OrderRules.Build(orderId, hash, place, household, actor, lines, look.Items, time.GetUtcNow().UtcDateTime);
        using var flight = flights.Enter(orderId);
        var reservation = await store.ReserveAsync(order, look.Items, ct);
        if (reservation.IdTaken)
        {
            return await ReplayAsync((await store.FindAsync(orderId, CancellationToken.None))!, hash);
        }

        if (reservation.Refusal is { } refusal)
        {
            throw refusal.ToException(order, look.Items);
        }

        // From here on the order exists: a caller hanging up must not strand it half way.
        return await DriveAsync(order, CancellationToken.None);
    }

    public async Task<Api.Receipt> GetAsync(string? id, CancellationToken ct)
    {
        var orderId = IdempotentWrites<Data.RedemptionDb>.CheckKey(id, "order_id");
        var order = await store.FindAsync(orderId, ct)
            ?? throw DomainException.NotFound("ORDER_NOT_FOUND", $"There is no order {orderId}.", ("order_id", orderId));
        return Receipts.From(order);
    }

    public Task<Order?> FindAsync(string orderId, CancellationToken ct) => store.FindAsync(orderId, ct);

    /// <summary>
    /// Settles a pending order that no request is driving: a spend Scoring made completes it (the
    /// household's points are spent, so the goods go out); otherwise the order id is fenced in
    /// Scoring and the order cancelled. An order in flight here, or made since this process
    /// started and younger than a request's deadline (another replica may be driving it), waits.
    /// </summary>
    public async Task<Order> RecoverAsync(Order order, CancellationToken ct)
    {
        var age = time.GetUtcNow().UtcDateTime - order.CreatedAt;
        if (flights.InFlight(order.Id) || (!flights.GaveUp(order.Id) && order.CreatedAt >= flights.Started && age < AbandonedAfter))
        {
            return order;
        }

        Contracts.Scoring.V1.HoldResponse spend;
        try
        {
            spend = await scoring.GetHoldAsync(order.Id, ct);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return await CancelAsync(order, "Scoring never spent the points for this order; nothing was spent.", ct);
        }
        catch (RpcException ex)
        {
            log.LogWarning("Order {OrderId} stays pending: Scoring did not answer ({Status}).", order.Id, ex.StatusCode);
            return order;
        }

        return spend.Status == Contracts.Scoring.V1.HoldStatus.Captured
            ? await CompleteAsync(order, spend.EntryId, spend.AvailableAfter, ct)
            : await CancelAsync(order, $"The points were {spend.Status.ToString().ToLowerInvariant()} before the order completed; nothing was spent.", ct);
    }

    private async Task<Api.Receipt> DriveAsync(Order order, CancellationToken ct)
    {
        Contracts.Scoring.V1.HoldResponse spent;
        try
        {
            spent = await scoring.SpendAsync(order.Id, order.VillageCode, order.HouseholdNumber, order.Points, order.Actor, ct);
        }
        catch (RpcException ex) when (ScoringOutcome.IsRefusal(ex))
        {
            // Scoring answered no: nothing was spent, and nothing here will spend this order id again.
            await store.CancelAsync(order.Id, $"Scoring refused to spend {order.Points} points: {ex.Status.Detail}", time.GetUtcNow().UtcDateTime, ct);
            throw RedemptionErrors.Refused(ex, order);
        }
        catch (RpcException ex)
        {
            log.LogWarning("Order {OrderId} is pending: the spend's outcome is unknown ({Status}).", order.Id, ex.StatusCode);
            throw GaveUp(order.Id);
        }

        failPoints.Hit(RedemptionFailPoints.AfterSpend, $"order {order.Id}'s points are spent at Scoring but the order is not completed.");
        Order done;
        try
        {
            done = await CompleteAsync(order, spent.EntryId, spent.AvailableAfter, ct);
        }
        catch (Exception ex) when (ex is not DomainException and not OperationCanceledException)
        {
            // The points are spent; the order completes on the next retry or recovery pass.
            log.LogWarning(ex, "Order {OrderId} was spent but not yet marked done; recovery finishes it.", order.Id);
            throw GaveUp(order.Id);
        }

        return done.Status switch
        {
            OrderStatus.Completed => Receipts.From(done),
            OrderStatus.Cancelled => throw RedemptionErrors.Cancelled(done),
            _ => throw GaveUp(order.Id),
        };
    }

    /// <summary>Completes a spent order; should its lots fall short, the spend is refunded and the order cancelled instead.</summary>
    private async Task<Order> CompleteAsync(Order order, long entryId, long availableAfter, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        switch (await store.CompleteAsync(order, entryId, availableAfter, now, ct))
        {
            case Completion.Completed:
                flights.Settled(order.Id);
                OrderRules.MarkCompleted(order, now, entryId, availableAfter);
                return order;
            case Completion.StockShort:
                log.LogError("Order {OrderId}: its lots hold less than its reservation; its points are refunded and it is cancelled.", order.Id);
                return await CancelAsync(order, "The shelf holds less than the stock book said; the points were given back.", ct);
            case Completion.StockExpired:
                log.LogWarning("Order {OrderId}: only expired units were left for its reservation; its points are refunded and it is cancelled.", order.Id);
                return await CancelAsync(order, "The goods reserved passed their best-before date before the order completed; expired goods are not handed out, and the points were given back.", ct);
            default:
                return (await store.FindAsync(order.Id, ct))!;
        }
    }

    /// <summary>Fences the order id in Scoring (refunding a spend that landed), then cancels the order. Stays pending if Scoring does not answer.</summary>
    private async Task<Order> CancelAsync(Order order, string reason, CancellationToken ct)
    {
        Contracts.Scoring.V1.HoldResponse fenced;
        try
        {
            fenced = await scoring.CancelSpendAsync(order.Id, order.VillageCode, order.HouseholdNumber, order.Actor, reason, ct);
        }
        catch (RpcException ex)
        {
            log.LogWarning("Order {OrderId} stays pending: Scoring did not cancel its spend ({Status}).", order.Id, ex.StatusCode);
            return order;
        }

        var why = fenced.RefundEntryId == 0 ? reason : $"{reason} The points spent were refunded (entry {fenced.RefundEntryId}).";
        await store.CancelAsync(order.Id, why, time.GetUtcNow().UtcDateTime, ct);
        flights.Settled(order.Id);
        return (await store.FindAsync(order.Id, ct))!;
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
            OrderStatus.Cancelled => throw RedemptionErrors.Cancelled(order),
            _ => throw RedemptionErrors.Pending(order.Id),
        };
    }

    /// <summary>This request stops driving the order: recovery (or the clerk's retry) may settle it at once.</summary>
    private DomainException GaveUp(string orderId)
    {
        flights.GiveUp(orderId);
        return RedemptionErrors.Pending(orderId);
    }
}
