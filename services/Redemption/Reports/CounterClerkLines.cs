using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Orders;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Reports;

/// <summary>
/// A period's work per counter and clerk, for the day's cash-up: orders completed, and returns
/// completed in the period (counted on the day they were made, at the counter of their order,
/// since a return does not record a counter of its own).
/// </summary>
internal static class CounterClerkLines
{
    public static async Task<IReadOnlyList<Api.CounterClerkLine>> ForAsync(RedemptionDb db, string supermarket, DateTime start, DateTime end, CancellationToken ct)
    {
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.SupermarketCode == supermarket && o.Status == OrderStatus.Completed && o.EndedAt >= start && o.EndedAt < end)
            .GroupBy(o => new { o.CounterCode, o.Actor })
            .Select(g => new { g.Key.CounterCode, g.Key.Actor, Orders = g.Count(), Points = g.Sum(o => o.Points) })
            .ToListAsync(ct);
        var returns = await db.Returns.AsNoTracking()
            .Where(r => r.Status == OrderStatus.Completed && r.EndedAt >= start && r.EndedAt < end)
            .Join(db.Orders.AsNoTracking().Where(o => o.SupermarketCode == supermarket), r => r.OrderId, o => o.Id, (r, o) => new { o.CounterCode, r.Actor, r.Points })
            .GroupBy(x => new { x.CounterCode, x.Actor })
            .Select(g => new { g.Key.CounterCode, g.Key.Actor, Returns = g.Count(), Points = g.Sum(x => x.Points) })
            .ToListAsync(ct);

        var lines = new Dictionary<(string Counter, string Clerk), Api.CounterClerkLine>();
        Api.CounterClerkLine Line(string counter, string clerk) =>
            lines.TryGetValue((counter, clerk), out var line)
                ? line
                : lines[(counter, clerk)] = new Api.CounterClerkLine { CounterCode = counter, Clerk = clerk };
        foreach (var o in orders)
        {
            var line = Line(o.CounterCode, o.Actor);
            line.Orders = o.Orders;
            line.Points = o.Points;
        }

        foreach (var r in returns)
        {
            var line = Line(r.CounterCode, r.Actor);
            line.Returns = r.Returns;
            line.RefundedPoints = r.Points;
        }

        return lines.Values.OrderBy(l => l.CounterCode, StringComparer.Ordinal).ThenBy(l => l.Clerk, StringComparer.Ordinal).ToList();
    }
}
