using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Goods;

/// <summary>gRPC face of the goods catalogue.</summary>
internal sealed class GoodsService(RedemptionDb db, IdempotentWrites<RedemptionDb> writes, TimeProvider time) : Api.Goods.GoodsBase
{
    public const long MaxPrice = 1_000_000;
    public const int MaxLimit = 10_000;

    public override Task<Api.Item> DefineItem(Api.DefineItemRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(DefineItem), request, async ct =>
        {
            var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
            var sku = Input.Code(request.Sku, "sku", "SKU");
            var name = Input.Text(request.Name, "name", "item name");
            var unit = Input.Text(request.Unit, "unit", "unit", 40);
            Input.Text(request.Actor, "actor", "name of the person changing the catalogue");
            if (request.PricePoints is <= 0 or > MaxPrice)
            {
                throw Field("PRICE_INVALID", $"The price is 1 to {MaxPrice} points; {request.PricePoints} was given.", "price_points");
            }

            if (request.LimitPerHousehold is < 0 or > MaxLimit)
            {
                throw Field("LIMIT_INVALID", $"The limit per household is 0 (none) to {MaxLimit}; {request.LimitPerHousehold} was given.", "limit_per_household");
            }

            if (request.LowStockThreshold is < 0 or > 1_000_000)
            {
                throw Field("THRESHOLD_INVALID", $"The low-stock threshold is 0 (none) to 1000000; {request.LowStockThreshold} was given.", "low_stock_threshold");
            }

            var period = request.LimitPeriod switch
            {
                Api.LimitPeriod.Unspecified or Api.LimitPeriod.Month => LimitPeriod.Month,
                Api.LimitPeriod.Year => LimitPeriod.Year,
                _ => throw Field("LIMIT_PERIOD_INVALID", $"The limit period is MONTH or YEAR; {(int)request.LimitPeriod} is not one.", "limit_period"),
            };
            var eligibility = request.Eligibility switch
            {
                Api.Eligibility.Unspecified or Api.Eligibility.Any => Eligibility.Any,
                Api.Eligibility.Over70 => Eligibility.Over70,
                Api.Eligibility.PovertyRegistered => Eligibility.PovertyRegistered,
                Api.Eligibility.Monitored => Eligibility.Monitored,
                Api.Eligibility.PovertyOrMonitored => Eligibility.PovertyOrMonitored,
                _ => throw Field("ELIGIBILITY_INVALID", $"Eligibility {(int)request.Eligibility} is not one this service knows.", "eligibility"),
            };
            var now = time.GetUtcNow().UtcDateTime;
            var item = await db.Items.FirstOrDefaultAsync(i => i.SupermarketCode == supermarket && i.Sku == sku, ct);
            if (item is null)
            {
                item = new Item { SupermarketCode = supermarket, Sku = sku, Name = name, Unit = unit };
                db.Items.Add(item);
            }

            item.Name = name;
            item.Unit = unit;
            item.PricePoints = request.PricePoints;
            item.LimitPerHousehold = request.LimitPerHousehold;
            item.LimitPeriod = period;
            item.Eligibility = eligibility;
            item.LowStockThreshold = request.LowStockThreshold;
            item.Active = true;
            item.Version++;
            item.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return ToApi(item);
        }, context.CancellationToken);

    public override Task<Api.Item> RetireItem(Api.RetireItemRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RetireItem), request, async ct =>
        {
            var supermarket = Input.Code(request.SupermarketCode, "supermarket_code", "supermarket code");
            var sku = Input.Code(request.Sku, "sku", "SKU");
            Input.Text(request.Actor, "actor", "name of the person changing the catalogue");
            var item = await db.Items.FirstOrDefaultAsync(i => i.SupermarketCode == supermarket && i.Sku == sku, ct)
                ?? throw NotFound(supermarket, sku);
            if (item.Active)
            {
                item.Active = false;
                item.Version++;
                item.UpdatedAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
            }

            return ToApi(item);
        }, context.CancellationToken);

    public override async Task<Api.Item> GetItem(Api.GetItemRequest request, ServerCallContext context)
    {
        var supermarket = Input.Code(request.SupermarketCode, "supermarket_code", "supermarket code");
        var sku = Input.Code(request.Sku, "sku", "SKU");
        var item = await db.Items.AsNoTracking().FirstOrDefaultAsync(i => i.SupermarketCode == supermarket && i.Sku == sku, context.CancellationToken)
            ?? throw NotFound(supermarket, sku);
        return ToApi(item);
    }

    public override async Task<Api.ListItemsResponse> ListItems(Api.ListItemsRequest request, ServerCallContext context)
    {
        var supermarket = await SupermarketAsync(request.SupermarketCode, context.CancellationToken);
        var items = await db.Items.AsNoTracking().Where(i => i.SupermarketCode == supermarket && (request.IncludeRetired || i.Active))
            .OrderBy(i => i.Sku).ToListAsync(context.CancellationToken);
        return new Api.ListItemsResponse { Items = { items.Select(ToApi) } };
    }

    internal static Api.Item ToApi(Item item) => new()
    {
        SupermarketCode = item.SupermarketCode,
        Sku = item.Sku,
        Name = item.Name,
        Unit = item.Unit,
        PricePoints = item.PricePoints,
        LimitPerHousehold = item.LimitPerHousehold,
        LimitPeriod = (Api.LimitPeriod)(int)item.LimitPeriod,
        Eligibility = (Api.Eligibility)(int)item.Eligibility,
        LowStockThreshold = item.LowStockThreshold,
        Active = item.Active,
        Version = item.Version,
        OnHand = item.OnHand,
        Reserved = item.Reserved,
        UpdatedAt = Receipts.Stamp(item.UpdatedAt),
    };

    private async Task<string> SupermarketAsync(string? code, CancellationToken ct)
    {
        var supermarket = Input.Code(code, "supermarket_code", "supermarket code");
        return await db.Supermarkets.AnyAsync(s => s.Code == supermarket, ct)
            ? supermarket
            : throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"No supermarket with code {supermarket} is registered.",
                ("supermarket_code", supermarket));
    }

    private static DomainException NotFound(string supermarket, string sku) =>
        DomainException.NotFound("ITEM_NOT_FOUND", $"Supermarket {supermarket} has no item {sku}.", ("sku", sku));

    private static DomainException Field(string reason, string message, string field) =>
        DomainException.Invalid(reason, message, field);
}
