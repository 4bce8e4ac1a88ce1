using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Stock;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Reports;

/// <summary>
/// Donations received in a period, one line per lot, in the order received: the donor lists'
/// lines (a thank-you list for one donor, the public list for all), and the households each
/// lot's goods reached.
/// </summary>
internal static class DonationLines
{
    /// <summary>The name the public list shows for a donor who asked not to be named.</summary>
    public const string AnonymousDonor = "爱心人士";

    /// <param name="inPublic">For the public list: anonymous donors are shown as <see cref="AnonymousDonor"/>.</param>
    public static async Task<List<Api.DonationLine>> ForAsync(RedemptionDb db, string supermarket, string? donor, DateTime start, DateTime end, bool inPublic,
        CancellationToken ct)
    {
        var lots = await db.Lots.AsNoTracking()
            .Where(l => l.SupermarketCode == supermarket && l.Source == LotSource.Donation && l.ReceivedAt >= start && l.ReceivedAt < end
                && (donor == null || l.SourceName == donor))
            .Join(db.Items.AsNoTracking(), l => new { l.SupermarketCode, l.Sku }, i => new { i.SupermarketCode, i.Sku },
                (l, i) => new { l.Id, l.ReceivedAt, l.SourceName, l.DonorKind, l.DonorAnonymous, l.Sku, i.Name, i.Unit, l.QuantityReceived, l.ValueFen })
            .ToListAsync(ct);
        return lots.OrderBy(l => l.ReceivedAt).ThenBy(l => l.Id).Select(l => new Api.DonationLine
        {
            LotId = l.Id,
            ReceivedOn = ChinaTime.Today(l.ReceivedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DonorName = inPublic && l.DonorAnonymous ? AnonymousDonor : l.SourceName,
            Anonymous = l.DonorAnonymous,
            DonorKind = (Api.DonorKind)(int)l.DonorKind,
            Sku = l.Sku,
            Goods = l.Name,
            Unit = l.Unit,
            Quantity = l.QuantityReceived,
            ValueFen = l.ValueFen,
            // Donations received before their value was required may have none.
            Unvalued = l.ValueFen == 0,
        }).ToList();
    }

    /// <summary>
    /// The households (village, number) that received goods of each lot: orders completed at the
    /// counter (a later return does not undo that they received), and gift-run shares, whose
    /// movements carry the share's own request id.
    /// </summary>
    public static async Task<Dictionary<long, HashSet<(string Village, string Number)>>> ReachedAsync(RedemptionDb db, IReadOnlyList<long> lotIds, CancellationToken ct)
    {
        // An order's units of a lot that all came back (returns put them back in the lot they came from) reached no one.
        var redeemed = await db.Movements.AsNoTracking()
            .Where(m => lotIds.Contains(m.LotId) && (m.Kind == MovementKind.Redeemed || m.Kind == MovementKind.Returned))
            .Join(db.Orders.AsNoTracking(), m => m.OrderId, o => o.Id, (m, o) => new { m.LotId, o.Id, o.VillageCode, o.HouseholdNumber, m.Quantity })
            .GroupBy(r => new { r.LotId, r.Id, r.VillageCode, r.HouseholdNumber })
            .Where(g => g.Sum(r => r.Quantity) < 0)
            .Select(g => new { g.Key.LotId, g.Key.VillageCode, g.Key.HouseholdNumber })
            .ToListAsync(ct);
        var gifted = await db.Movements.AsNoTracking()
            .Where(m => lotIds.Contains(m.LotId) && m.Kind == MovementKind.Gifted)
            .Join(db.GiftShares.AsNoTracking(), m => m.RequestId, s => s.StockRequestId, (m, s) => new { m.LotId, s.VillageCode, s.HouseholdNumber })
            .ToListAsync(ct);
        return redeemed.Concat(gifted)
            .GroupBy(r => r.LotId)
            .ToDictionary(g => g.Key, g => g.Select(r => (r.VillageCode, r.HouseholdNumber)).ToHashSet());
    }
}
