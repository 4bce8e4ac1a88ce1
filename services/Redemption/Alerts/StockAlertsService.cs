using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Alerts;

/// <summary>gRPC face of a supermarket's stock alerts.</summary>
internal sealed class StockAlertsService(RedemptionDb db, StockBook book, IdempotentWrites<RedemptionDb> writes, TimeProvider time)
    : Api.StockAlerts.StockAlertsBase
{
    public override async Task<Api.ListStockAlertsResponse> ListStockAlerts(Api.ListStockAlertsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
        var days = request.HasNearExpiryDays
            ? ExpiringLots.DaysAhead(true, request.NearExpiryDays, "near_expiry_days")
            : await db.AlertSettings.AsNoTracking().Where(s => s.SupermarketCode == supermarket).Select(s => (int?)s.NearExpiryDays).FirstOrDefaultAsync(ct)
              ?? ExpiringLots.DefaultDaysAhead;
        var today = book.Today;
        return new Api.ListStockAlertsResponse
        {
            SupermarketCode = supermarket,
            Today = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            NearExpiryDays = days,
            Alerts = { await AlertBook.OpenAsync(db, supermarket, today, days, ct) },
        };
    }

    public override Task<Api.NearExpiryDays> SetNearExpiryDays(Api.SetNearExpiryDaysRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetNearExpiryDays), request, async ct =>
        {
            var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
            var days = ExpiringLots.DaysAhead(true, request.Days, "days");
            var actor = Input.Text(request.Actor, "actor", "name of the person choosing the days");
            var now = time.GetUtcNow().UtcDateTime;
            var settings = await db.AlertSettings.FirstOrDefaultAsync(s => s.SupermarketCode == supermarket, ct);
            if (settings is null)
            {
                settings = new AlertSettings { SupermarketCode = supermarket, SetBy = actor };
                db.AlertSettings.Add(settings);
            }

            (settings.NearExpiryDays, settings.SetBy, settings.SetAt) = (days, actor, now);
            await db.SaveChangesAsync(ct);
            return new Api.NearExpiryDays { SupermarketCode = supermarket, Days = days, SetBy = actor, SetAt = Receipts.Stamp(now) };
        }, context.CancellationToken);

    private async Task<string> SupermarketAsync(string? code, CancellationToken ct)
    {
        var supermarket = Input.Code(code, "supermarket_code", "supermarket code");
        return await db.Supermarkets.AsNoTracking().AnyAsync(s => s.Code == supermarket, ct)
            ? supermarket
            : throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"There is no supermarket {supermarket}.", ("supermarket_code", supermarket));
    }
}
