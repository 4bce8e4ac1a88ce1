using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.Redemption.ScoringLink;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Orders;

/// <summary>
/// Goods brought back within the return window. Like a redemption in reverse: the return and
/// the quantities it takes back are recorded first (so two returns cannot both take the same
/// unit), then Scoring refunds the points under the return id, then the goods go back to the
/// lots they came from and the goods-returned event is written. Recovery finishes a return left
/// pending by a crash.
/// </summary>
internal sealed class Returns(RedemptionDb db, StockBook stock, Redemptions redemptions, EfCounterStore counterStore, ScoringLedger scoring, TimeProvider time,
    IOptions<RedemptionSettings> settings, ILogger<Returns> log)
{
    private const string Operation = "ReturnGoods";

    public int ReturnDays => settings.Value.ReturnDays;

    public async Task<Api.ReturnReceipt> ReturnAsync(Api.ReturnGoodsRequest request, CancellationToken ct)
    {
        var returnId = IdempotentWrites<RedemptionDb>.CheckKey(request.ReturnId, "return_id");
        var hash = RequestFingerprint.Of(Operation, request);
        if (await FindAsync(returnId, ct) is { } known)
        {
            return await ReplayAsync(known, hash);
        }

        var orderId = IdempotentWrites<RedemptionDb>.CheckKey(request.OrderId, "order_id");
        var actor = Input.Text(request.Actor, "actor", "clerk's name");
        var reason = Input.Text(request.Reason, "reason", "reason for the return", 500);
        var lines = RedemptionRules.Lines(request.Lines.Select(l => (l.Sku, l.Quantity)).ToList());
        var order = await redemptions.FindAsync(orderId, ct)
            ?? throw DomainException.NotFound("ORDER_NOT_FOUND", $"There is no order {orderId}.", ("order_id", orderId));
        if (order.Status != OrderStatus.Completed)
        {
            throw DomainException.Precondition("ORDER_NOT_COMPLETED",
                $"Order {orderId} is {order.Status.ToString().ToLowerInvariant()}; only goods of a completed order can be returned.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (now - order.EndedAt!.Value > TimeSpan.FromDays(ReturnDays))
        {
            throw DomainException.Precondition("RETURN_WINDOW_CLOSED",
                $"Order {orderId} was redeemed on {ChinaDay(order.EndedAt.Value)}; goods can be returned within {ReturnDays} days.");
        }

        var goodsReturn = new GoodsReturn
        {
            Id = returnId,
            RequestHash = hash,
            OrderId = orderId,
            Status = OrderStatus.Pending,
            Reason = reason,
            Actor = actor,
            CreatedAt = now,
        };
        foreach (var line in lines)
        {
            var ordered = order.Lines.FirstOrDefault(l => l.Sku == line.Sku)
                ?? throw DomainException.Precondition("SKU_NOT_ON_ORDER", $"Line {line.Number}: {line.Sku} is not on order {orderId}.",
                    ("line", line.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            goodsReturn.Lines.Add(new GoodsReturnLine { ReturnId = returnId, Sku = line.Sku, Quantity = line.Quantity, Points = line.Quantity * ordered.UnitPoints });
        }

        goodsReturn.Points = goodsReturn.Lines.Sum(l => l.Points);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Returns.Add(goodsReturn);
            await db.SaveChangesAsync(ct);
            foreach (var line in goodsReturn.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
            {
                var taken = await db.Database.ExecuteSqlAsync(
                    $"UPDATE order_lines SET returned_quantity = returned_quantity + {line.Quantity} WHERE order_id = {orderId} AND sku = {line.Sku} AND returned_quantity + {line.Quantity} <= quantity",
                    ct);
                if (taken == 0)
                {
                    var ordered = order.Lines.First(l => l.Sku == line.Sku);
                    var left = await db.OrderLines.Where(l => l.OrderId == orderId && l.Sku == line.Sku).Select(l => l.Quantity - l.ReturnedQuantity).FirstAsync(ct);
                    throw DomainException.Precondition("RETURN_EXCEEDS_ORDER",
                        $"{ordered.Name}: order {orderId} took {ordered.Quantity} and {left} can still come back; {line.Quantity} were brought.",
                        ("sku", line.Sku));
                }
            }

            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return await ReplayAsync((await FindAsync(returnId, CancellationToken.None))!, hash);
        }

        db.ChangeTracker.Clear();
        var settled = await SettleAsync(goodsReturn, CancellationToken.None);
        return settled.Status switch
        {
            OrderStatus.Completed => Receipts.From(settled, order),
            OrderStatus.Cancelled => throw Refused(settled),
            _ => throw Pending(settled.Id),
        };
    }

    /// <summary>Asks Scoring for the refund (idempotent on the return id) and finishes or cancels the return.</summary>
    public async Task<GoodsReturn> SettleAsync(GoodsReturn goodsReturn, CancellationToken ct)
    {
        try
        {
            await scoring.RefundAsync($"return:{goodsReturn.Id}", goodsReturn.OrderId, goodsReturn.Points, goodsReturn.Actor, goodsReturn.Reason, ct);
        }
        catch (RpcException ex) when (ScoringOutcome.IsRefusal(ex))
        {
            await FinishAsync(goodsReturn.Id, OrderStatus.Cancelled, $"Scoring refused the refund: {ex.Status.Detail}", ct);
            return (await FindAsync(goodsReturn.Id, ct))!;
        }
        catch (RpcException ex)
        {
            log.LogWarning("Return {ReturnId} is pending: the refund's outcome is unknown ({Status}).", goodsReturn.Id, ex.StatusCode);
            return goodsReturn;
        }

        await FinishAsync(goodsReturn.Id, OrderStatus.Completed, null, ct);
        return (await FindAsync(goodsReturn.Id, ct))!;
    }

    public Task<GoodsReturn?> FindAsync(string returnId, CancellationToken ct) =>
        db.Returns.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.Id == returnId, ct);

    private async Task FinishAsync(string returnId, OrderStatus status, string? cancelReason, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"UPDATE returns SET status = {(int)status}, ended_at = {now}, cancel_reason = {cancelReason} WHERE id = {returnId} AND status = {(int)OrderStatus.Pending}",
            ct);
        if (claimed == 0)
        {
            return;
        }

        var goodsReturn = (await FindAsync(returnId, ct))!;
        var order = (await redemptions.FindAsync(goodsReturn.OrderId, ct))!;
        foreach (var line in goodsReturn.Lines.OrderBy(l => l.Sku, StringComparer.Ordinal))
        {
            if (status == OrderStatus.Cancelled)
            {
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE order_lines SET returned_quantity = returned_quantity - {line.Quantity} WHERE order_id = {order.Id} AND sku = {line.Sku}", ct);
                continue;
            }

            await PutBackAsync(order, goodsReturn, line, ct);
            var ordered = order.Lines.First(l => l.Sku == line.Sku);
            if (ordered.LimitPeriod is { } period)
            {
                await counterStore.ReleaseLimitAsync(order, line.Sku, period, line.Quantity, ct);
            }
        }

        if (status == OrderStatus.Completed)
        {
            AuditCall.LastStepFollows();
            db.AddEvent(new GoodsReturned(Guid.NewGuid(), time.GetUtcNow(), returnId, order.Id, order.SupermarketCode, order.VillageCode,
                order.HouseholdNumber, goodsReturn.Points, goodsReturn.Lines.Select(l => new RedeemedLine(l.Sku, l.Quantity, l.Points)).ToList()));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Returned units go back to the lots the order took them from.</summary>
    private async Task PutBackAsync(Order order, GoodsReturn goodsReturn, GoodsReturnLine line, CancellationToken ct)
    {
        var byLot = await db.Movements.AsNoTracking()
            .Where(m => m.OrderId == order.Id && m.Sku == line.Sku && (m.Kind == MovementKind.Redeemed || m.Kind == MovementKind.Returned))
            .GroupBy(m => m.LotId)
            .Select(g => new { LotId = g.Key, Out = -g.Sum(m => m.Quantity) })
            .ToListAsync(ct);
        long left = line.Quantity;
        foreach (var lot in byLot.Where(l => l.Out > 0).OrderByDescending(l => l.LotId))
        {
            var part = Math.Min(left, lot.Out);
            await stock.PutBackAsync(lot.LotId, order.SupermarketCode, line.Sku, part, MovementKind.Returned, goodsReturn.Reason,
                order.Id, goodsReturn.Actor, goodsReturn.Id, ct);
            left -= part;
            if (left == 0)
            {
                break;
            }
        }

        if (left > 0)
        {
            throw new InvalidOperationException($"Return {goodsReturn.Id}: order {order.Id}'s movements of {line.Sku} account for fewer units than are returned.");
        }
    }

    private async Task<Api.ReturnReceipt> ReplayAsync(GoodsReturn known, byte[] hash)
    {
        if (!RequestFingerprint.Matches(known.RequestHash, hash))
        {
            throw DomainException.Precondition("RETURN_ID_REUSED",
                $"Return id {known.Id} was already used on {known.CreatedAt:yyyy-MM-dd HH:mm} UTC for another return (order {known.OrderId}); use a new return id.",
                ("return_id", known.Id));
        }

        if (known.Status == OrderStatus.Pending)
        {
            known = await SettleAsync(known, CancellationToken.None);
        }

        var order = (await redemptions.FindAsync(known.OrderId, CancellationToken.None))!;
        return known.Status switch
        {
            OrderStatus.Completed => Receipts.From(known, order),
            OrderStatus.Cancelled => throw Refused(known),
            _ => throw Pending(known.Id),
        };
    }

    private static string ChinaDay(DateTime utc) => Goods.ChinaTime.Today(utc).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DomainException Refused(GoodsReturn r) => DomainException.Precondition("RETURN_REFUSED",
        $"Return {r.Id} was not accepted: {r.CancelReason}", ("return_id", r.Id));

    private static DomainException Pending(string returnId) => new(StatusCode.Unavailable, "RETURN_PENDING",
        $"Return {returnId} is recorded, but Scoring has not confirmed the refund yet. Keep the goods aside and ask again with the same return id in a moment; it is finished automatically.",
        ("return_id", returnId));
}
