using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Alerts;

/// <summary>gRPC face of a supermarket's stock alerts.</summary>
internal sealed class StockAlertsService(RedemptionDb db, StockBook book) : Api.StockAlerts.StockAlertsBase
{
    public override async Task<Api.ListStockAlertsResponse> ListStockAlerts(Api.ListStockAlertsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = Input.Code(request.SupermarketCode, "supermarket_code", "supermarket code");
        if (!await db.Supermarkets.AsNoTracking().AnyAsync(s => s.Code == supermarket, ct))
        {
            throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"There is no supermarket {supermarket}.", ("supermarket_code", supermarket));
        }

        var days = ExpiringLots.DaysAhead(request.HasNearExpiryDays, request.NearExpiryDays, "near_expiry_days");
        var today = book.Today;
        return new Api.ListStockAlertsResponse
        {
            SupermarketCode = supermarket,
            Today = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            NearExpiryDays = days,
            Alerts = { await AlertBook.OpenAsync(db, supermarket, today, days, ct) },
        };
    }
}
