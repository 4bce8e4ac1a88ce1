using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Stock;

/// <summary>gRPC face of stock: lots received, written off, counted and transferred.</summary>
internal sealed partial class StockService(RedemptionDb db, StockBook book, IdempotentWrites<RedemptionDb> writes, TimeProvider time) : Api.Stock.StockBase
{
    public const long MaxQuantity = 1_000_000;
    public const long MaxValueFen = 100_000_000_000;

    public override Task<Api.Lot> ReceiveDonation(Api.ReceiveDonationRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ReceiveDonation), request, async ct =>
        {
            var (supermarket, sku) = Target(request.SupermarketCode, request.Sku);
            var quantity = Quantity(request.Quantity, "quantity");
            var donor = Input.Text(request.DonorName, "donor_name", "donor's name");
            var kind = request.DonorKind switch
            {
                Api.DonorKind.Company => DonorKind.Company,
                Api.DonorKind.Official => DonorKind.Official,
                Api.DonorKind.Individual => DonorKind.Individual,
                _ => throw Field("DONOR_KIND_INVALID", "The donor kind is COMPANY, OFFICIAL or INDIVIDUAL.", "donor_kind"),
            };
            var value = Fen(request.ValueFen, "value_fen");
            var bestBefore = BestBefore(request.BestBefore);
            var actor = Input.Text(request.Actor, "actor", "name of the person receiving the goods");
            if (value == 0)
            {
                // Donor lists and the county's reports count donations in fen; a value guessed
                // later is a value nobody can check.
                throw Field("DONATION_VALUE_REQUIRED",
                    "Give the donation's value in fen when it is received (what the goods would cost to buy); the donor lists and the county's reports show it.",
                    "value_fen");
            }

            var item = await book.ItemAsync(supermarket, sku, ct);
            var (lot, _) = await book.ReceiveAsync(new StockLot
            {
                SupermarketCode = supermarket,
                Sku = sku,
                Source = LotSource.Donation,
                SourceName = donor,
                DonorKind = kind,
                DonorAnonymous = request.Anonymous,
                ValueFen = value,
                QuantityReceived = quantity,
                BestBefore = bestBefore,
                RequestId = request.IdempotencyKey.Trim(),
            }, MovementKind.Received, $"Donation from {donor}", actor, ct);
            db.AddEvent(new DonationReceived(Guid.NewGuid(), time.GetUtcNow(), supermarket, lot.Id, item.Sku, quantity, donor, kind.ToString(), value));
            await db.SaveChangesAsync(ct);
            return ToApi(lot);
        }, context.CancellationToken);

    public override Task<Api.Lot> ReceivePurchase(Api.ReceivePurchaseRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ReceivePurchase), request, async ct =>
        {
            var (supermarket, sku) = Target(request.SupermarketCode, request.Sku);
            var quantity = Quantity(request.Quantity, "quantity");
            var supplier = Input.Text(request.Supplier, "supplier", "supplier's name");
            var cost = Fen(request.CostFen, "cost_fen");
            var bestBefore = BestBefore(request.BestBefore);
            var actor = Input.Text(request.Actor, "actor", "name of the person receiving the goods");
            await book.ItemAsync(supermarket, sku, ct);
            var (lot, _) = await book.ReceiveAsync(new StockLot
            {
                SupermarketCode = supermarket,
                Sku = sku,
                Source = LotSource.Purchase,
                SourceName = supplier,
                ValueFen = cost,
                QuantityReceived = quantity,
                BestBefore = bestBefore,
                RequestId = request.IdempotencyKey.Trim(),
            }, MovementKind.Received, $"Bought from {supplier}", actor, ct);
            return ToApi(lot);
        }, context.CancellationToken);

    public override Task<Api.StockChange> WriteOff(Api.WriteOffRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(WriteOff), request, async ct =>
        {
            var (supermarket, sku) = Target(request.SupermarketCode, request.Sku);
            var quantity = Quantity(request.Quantity, "quantity");
            var why = request.Reason switch
            {
                Api.WriteOffReason.Spoiled => "spoiled",
                Api.WriteOffReason.Expired => "expired",
                Api.WriteOffReason.Damaged => "damaged",
                _ => throw Field("WRITE_OFF_REASON_INVALID", "The reason for a write-off is SPOILED, EXPIRED or DAMAGED.", "reason"),
            };
            var note = string.IsNullOrWhiteSpace(request.Note) ? string.Empty : Input.Text(request.Note, "note", "note", 400);
            var actor = Input.Text(request.Actor, "actor", "name of the person writing the goods off");
            if (request.LotId < 0)
            {
                throw Field("LOT_ID_INVALID", "A lot id is a positive number (0 for first-expiring lots first).", "lot_id");
            }

            var expected = (await book.ItemAsync(supermarket, sku, ct)).OnHand;
            var movements = await book.TakeAsync(supermarket, sku, quantity, MovementKind.WrittenOff,
                note.Length == 0 ? $"Written off: {why}" : $"Written off: {why}; {note}", null, actor, request.IdempotencyKey.Trim(),
                fromReserved: false, request.LotId, ct);
            await db.SaveChangesAsync(ct);
            return Change(supermarket, sku, -quantity, expected, expected - quantity, movements);
        }, context.CancellationToken);

    public override Task<Api.StockChange> CountStock(Api.CountStockRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(CountStock), request, async ct =>
        {
            var (supermarket, sku) = Target(request.SupermarketCode, request.Sku);
            if (request.Counted is < 0 or > MaxQuantity)
            {
                throw Field("COUNTED_INVALID", $"The counted quantity is 0 to {MaxQuantity}; {request.Counted} was given.", "counted");
            }

            var note = string.IsNullOrWhiteSpace(request.Note) ? "Stocktake" : $"Stocktake: {Input.Text(request.Note, "note", "note", 400)}";
            var actor = Input.Text(request.Actor, "actor", "name of the person counting");
            var key = request.IdempotencyKey.Trim();
            var item = await book.ItemAsync(supermarket, sku, ct);
            var difference = request.Counted - item.OnHand;
            var movements = new List<StockMovement>();
            if (difference < 0)
            {
                if (request.Counted < item.Reserved)
                {
                    throw DomainException.Precondition("COUNT_BELOW_RESERVED",
                        $"{item.Name}: {item.Reserved} are reserved by pending orders, so fewer cannot be on the shelf; finish or cancel those orders and count again.");
                }

                movements = await book.TakeAsync(supermarket, sku, -difference, MovementKind.Counted, $"{note} (counted {request.Counted}, expected {item.OnHand})",
                    null, actor, key, fromReserved: false, lotId: 0, ct);
            }
            else if (difference > 0)
            {
                var (_, movement) = await book.ReceiveAsync(new StockLot
                {
                    SupermarketCode = supermarket,
                    Sku = sku,
                    Source = LotSource.Stocktake,
                    SourceName = "Found at stocktake",
                    QuantityReceived = difference,
                    RequestId = key,
                }, MovementKind.Counted, $"{note} (counted {request.Counted}, expected {item.OnHand})", actor, ct);
                movements.Add(movement);
            }

            await db.SaveChangesAsync(ct);
            return Change(supermarket, sku, difference, item.OnHand, request.Counted, movements);
        }, context.CancellationToken);

    public override Task<Api.StockChange> Transfer(Api.TransferRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(Transfer), request, async ct =>
        {
            var (from, sku) = Target(request.FromSupermarketCode, request.Sku, "from_supermarket_code");
            var to = Input.Code(request.ToSupermarketCode, "to_supermarket_code", "receiving supermarket's code");
            if (from == to)
            {
                throw Field("TRANSFER_TO_ITSELF", "A transfer goes to another supermarket.", "to_supermarket_code");
            }

            var quantity = Quantity(request.Quantity, "quantity");
            var actor = Input.Text(request.Actor, "actor", "name of the person sending the goods");
            var key = request.IdempotencyKey.Trim();
            var source = await book.ItemAsync(from, sku, ct);
            await book.ItemAsync(to, sku, ct);
            var movements = await book.TakeAsync(from, sku, quantity, MovementKind.TransferredOut, $"Transferred to {to}", null, actor, key,
                fromReserved: false, lotId: 0, ct);
            await db.SaveChangesAsync(ct);
            // Each source lot arrives as a lot of its own, keeping its best-before date and donor.
            foreach (var moved in movements.ToList())
            {
                var lot = await db.Lots.AsNoTracking().FirstAsync(l => l.Id == moved.LotId, ct);
                var share = lot.QuantityReceived == 0 ? 0 : lot.ValueFen * -moved.Quantity / lot.QuantityReceived;
                var (_, arrival) = await book.ReceiveAsync(new StockLot
                {
                    SupermarketCode = to,
                    Sku = sku,
                    Source = LotSource.Transfer,
                    SourceName = $"{from} (lot {lot.Id}: {lot.SourceName})",
                    DonorKind = lot.DonorKind,
                    ValueFen = share,
                    QuantityReceived = -moved.Quantity,
                    BestBefore = lot.BestBefore,
                    RequestId = key,
                }, MovementKind.TransferredIn, $"Transferred from {from}", actor, ct);
                movements.Add(arrival);
            }

            await db.SaveChangesAsync(ct);
            return Change(from, sku, -quantity, source.OnHand, source.OnHand - quantity, movements);
        }, context.CancellationToken);

    public override async Task<Api.ListMovementsResponse> ListMovements(Api.ListMovementsRequest request, ServerCallContext context)
    {
        var (supermarket, sku) = Target(request.SupermarketCode, request.Sku);
        var size = request.PageSize switch
        {
            0 => 50,
            < 0 or > 500 => throw Field("PAGE_SIZE_INVALID", "A page holds 1 to 500 movements (0 for 50).", "page_size"),
            _ => request.PageSize,
        };
        var before = long.MaxValue;
        if (!string.IsNullOrEmpty(request.PageToken)
            && (!long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out before) || before <= 0))
        {
            throw Field("PAGE_TOKEN_INVALID", "The page token is not one this service gave out; start again without it.", "page_token");
        }

        var page = await db.Movements.AsNoTracking().Where(m => m.SupermarketCode == supermarket && m.Sku == sku && m.Id < before)
            .OrderByDescending(m => m.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new Api.ListMovementsResponse { Movements = { page.Take(size).Select(ToApi) } };
        if (page.Count > size)
        {
            response.NextPageToken = page[size - 1].Id.ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    internal static Api.Lot ToApi(StockLot lot) => new()
    {
        Id = lot.Id,
        SupermarketCode = lot.SupermarketCode,
        Sku = lot.Sku,
        Source = (Api.LotSource)(int)lot.Source,
        SourceName = lot.SourceName,
        DonorKind = (Api.DonorKind)(int)lot.DonorKind,
        ValueFen = lot.ValueFen,
        QuantityReceived = lot.QuantityReceived,
        OnHand = lot.OnHand,
        BestBefore = lot.BestBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        ReceivedAt = Receipts.Stamp(lot.ReceivedAt),
    };

    internal static Api.Movement ToApi(StockMovement m) => new()
    {
        Id = m.Id,
        SupermarketCode = m.SupermarketCode,
        Sku = m.Sku,
        LotId = m.LotId,
        Kind = (Api.MovementKind)(int)m.Kind,
        Quantity = m.Quantity,
        Reason = m.Reason,
        OrderId = m.OrderId ?? string.Empty,
        Actor = m.Actor,
        At = Receipts.Stamp(m.At),
        RequestId = m.RequestId,
    };

    private static Api.StockChange Change(string supermarket, string sku, long quantity, long expected, long after, List<StockMovement> movements) => new()
    {
        SupermarketCode = supermarket,
        Sku = sku,
        Quantity = quantity,
        Expected = expected,
        OnHandAfter = after,
        Movements = { movements.Select(ToApi) },
    };

    private static (string Supermarket, string Sku) Target(string? supermarket, string? sku, string field = "supermarket_code") =>
        (Input.Code(supermarket, field, "supermarket code"), Input.Code(sku, "sku", "SKU"));

    private static long Quantity(long quantity, string field) => quantity is > 0 and <= MaxQuantity
        ? quantity
        : throw Field("QUANTITY_INVALID", $"The quantity is 1 to {MaxQuantity}; {quantity} was given.", field);

    private static long Fen(long fen, string field) => fen is >= 0 and <= MaxValueFen
        ? fen
        : throw Field("VALUE_INVALID", $"The value is 0 to {MaxValueFen} fen (whole fen, 1 yuan = 100 fen); {fen} was given.", field);

    private static DateOnly? BestBefore(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100
            ? day
            : throw Field("BEST_BEFORE_INVALID", $"The best-before date is written yyyy-MM-dd, for example 2026-12-31; '{(text.Length > 20 ? text[..20] : text)}' is not.", "best_before");
    }

    private static DomainException Field(string reason, string message, string field) =>
        DomainException.Invalid(reason, message, field);
}
