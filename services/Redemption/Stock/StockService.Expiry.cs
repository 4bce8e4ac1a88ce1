using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Stock;

/// <summary>Expired and expiring lots: the near-expiry report and the write-off of everything expired in one call.</summary>
internal sealed partial class StockService
{
    public override async Task<Api.ListExpiringLotsResponse> ListExpiringLots(Api.ListExpiringLotsRequest request, ServerCallContext context)
    {
        var supermarket = await SupermarketAsync(request.SupermarketCode, context.CancellationToken);
        var days = ExpiringLots.DaysAhead(request.HasDaysAhead, request.DaysAhead, "days_ahead");
        var today = book.Today;
        var lots = await ExpiringLots.ReadAsync(db, supermarket, today, days, context.CancellationToken);
        return new Api.ListExpiringLotsResponse
        {
            SupermarketCode = supermarket,
            Today = Day(today),
            DaysAhead = days,
            Lots = { lots.OrderBy(l => !l.Expired) },
            ExpiredUnits = lots.Where(l => l.Expired).Sum(l => l.OnHand),
            ExpiredValueFen = lots.Where(l => l.Expired).Sum(l => l.ValueFen),
            ExpiringUnits = lots.Where(l => !l.Expired).Sum(l => l.OnHand),
            ExpiringValueFen = lots.Where(l => !l.Expired).Sum(l => l.ValueFen),
        };
    }

    public override Task<Api.WriteOffExpiredResponse> WriteOffExpired(Api.WriteOffExpiredRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(WriteOffExpired), request, async ct =>
        {
            var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
            var note = string.IsNullOrWhiteSpace(request.Note) ? string.Empty : Input.Text(request.Note, "note", "note", 400);
            var actor = Input.Text(request.Actor, "actor", "name of the person writing the goods off");
            var today = book.Today;
            // The same words as a write-off with reason EXPIRED.
            var reason = note.Length == 0 ? "Written off: expired" : $"Written off: expired; {note}";
            var written = await book.WriteOffExpiredAsync(supermarket, reason, actor, request.IdempotencyKey.Trim(), ct);
            var items = await db.Items.AsNoTracking().Where(i => i.SupermarketCode == supermarket)
                .ToDictionaryAsync(i => i.Sku, StringComparer.Ordinal, ct);
            var lines = written.Select(w => ExpiringLots.Line(w.Lot, items[w.Lot.Sku].Name, items[w.Lot.Sku].Unit, -w.Movement.Quantity, today)).ToList();
            return new Api.WriteOffExpiredResponse
            {
                SupermarketCode = supermarket,
                Today = Day(today),
                Lots = { lines },
                Movements = { written.Select(w => ToApi(w.Movement)) },
                Units = lines.Sum(l => l.OnHand),
                ValueFen = lines.Sum(l => l.ValueFen),
            };
        }, context.CancellationToken);

    private async Task<string> SupermarketAsync(string? code, CancellationToken ct)
    {
        var supermarket = Input.Code(code, "supermarket_code", "supermarket code");
        return await db.Supermarkets.AsNoTracking().AnyAsync(s => s.Code == supermarket, ct)
            ? supermarket
            : throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"There is no supermarket {supermarket}.", ("supermarket_code", supermarket));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
