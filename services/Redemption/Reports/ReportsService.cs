using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Orders;
using Platform.Redemption.ScoringLink;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Reports;

/// <summary>Reports for the supermarket committee, donors and the county office.</summary>
internal sealed class ReportsService(RedemptionDb db, ScoringLedger scoring) : Api.Reports.ReportsBase
{
    public const int MaxDays = 366;

    public override async Task<Api.StockOnHandReport> StockOnHand(Api.StockOnHandRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
        var items = await db.Items.AsNoTracking().Where(i => i.SupermarketCode == supermarket).OrderBy(i => i.Sku).ToListAsync(ct);
        var lots = (await db.Lots.AsNoTracking().Where(l => l.SupermarketCode == supermarket && l.OnHand > 0).ToListAsync(ct))
            .GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.OrderBy(l => l.BestBefore is null).ThenBy(l => l.BestBefore).ThenBy(l => l.Id).ToList());
        return new Api.StockOnHandReport
        {
            SupermarketCode = supermarket,
            Lines =
            {
                items.Select(i => new Api.StockLine
                {
                    Sku = i.Sku,
                    Name = i.Name,
                    Unit = i.Unit,
                    OnHand = i.OnHand,
                    Reserved = i.Reserved,
                    PricePoints = i.PricePoints,
                    Active = i.Active,
                    Low = i.Low,
                    Lots = { lots.GetValueOrDefault(i.Sku, []).Select(StockService.ToApi) },
                }),
            },
        };
    }

    public override async Task<Api.DonationsReport> Donations(Api.DonationsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
        var (from, to, start, end) = Days(request.From, request.To);
        var donors = await db.Lots.AsNoTracking()
            .Where(l => l.SupermarketCode == supermarket && l.Source == LotSource.Donation && l.ReceivedAt >= start && l.ReceivedAt < end)
            .GroupBy(l => new { l.SourceName, l.DonorKind })
            .Select(g => new { g.Key.SourceName, g.Key.DonorKind, Count = g.Count(), Quantity = g.Sum(l => l.QuantityReceived), Value = g.Sum(l => l.ValueFen) })
            .ToListAsync(ct);
        return new Api.DonationsReport
        {
            SupermarketCode = supermarket,
            From = from,
            To = to,
            Donors =
            {
                donors.OrderByDescending(d => d.Value).ThenBy(d => d.SourceName, StringComparer.Ordinal).Select(d => new Api.DonorLine
                {
                    DonorName = d.SourceName,
                    DonorKind = (Api.DonorKind)(int)d.DonorKind,
                    Donations = d.Count,
                    Quantity = d.Quantity,
                    ValueFen = d.Value,
                }),
            },
            TotalValueFen = donors.Sum(d => d.Value),
        };
    }

    public override async Task<Api.RedemptionsReport> Redemptions(Api.RedemptionsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
        var (from, to, start, end) = Days(request.From, request.To);
        var completed = db.Orders.AsNoTracking()
            .Where(o => o.SupermarketCode == supermarket && o.Status == OrderStatus.Completed && o.EndedAt >= start && o.EndedAt < end);
        var households = await completed
            .GroupBy(o => new { o.VillageCode, o.HouseholdNumber, o.HeadName })
            .Select(g => new { g.Key.VillageCode, g.Key.HouseholdNumber, g.Key.HeadName, Orders = g.Count(), Points = g.Sum(o => o.Points) })
            .ToListAsync(ct);
        var returnedByHousehold = (await db.OrderLines.AsNoTracking().Where(l => l.ReturnedQuantity > 0)
            .Join(completed, l => l.OrderId, o => o.Id, (l, o) => new { o.VillageCode, o.HouseholdNumber, o.HeadName, Points = (long)l.ReturnedQuantity * l.UnitPoints })
            .GroupBy(x => new { x.VillageCode, x.HouseholdNumber, x.HeadName })
            .Select(g => new { g.Key.VillageCode, g.Key.HouseholdNumber, g.Key.HeadName, Points = g.Sum(x => x.Points) })
            .ToListAsync(ct))
            .ToDictionary(x => (x.VillageCode, x.HouseholdNumber, x.HeadName), x => x.Points);
        var skus = await db.OrderLines.AsNoTracking().Where(l => completed.Select(o => o.Id).Contains(l.OrderId))
            .GroupBy(l => new { l.Sku, l.Name })
            .Select(g => new
            {
                g.Key.Sku,
                g.Key.Name,
                Quantity = g.Sum(l => (long)l.Quantity),
                Points = g.Sum(l => l.Points),
                ReturnedQuantity = g.Sum(l => (long)l.ReturnedQuantity),
                ReturnedPoints = g.Sum(l => (long)l.ReturnedQuantity * l.UnitPoints),
            })
            .ToListAsync(ct);
        var report = new Api.RedemptionsReport
        {
            SupermarketCode = supermarket,
            From = from,
            To = to,
            Households =
            {
                households.OrderByDescending(h => h.Points).ThenBy(h => h.VillageCode, StringComparer.Ordinal).ThenBy(h => h.HouseholdNumber, StringComparer.Ordinal)
                    .Select(h =>
                    {
                        var returned = returnedByHousehold.GetValueOrDefault((h.VillageCode, h.HouseholdNumber, h.HeadName));
                        return new Api.HouseholdRedemptions
                        {
                            VillageCode = h.VillageCode,
                            HouseholdNumber = h.HouseholdNumber,
                            HeadName = h.HeadName,
                            Orders = h.Orders,
                            Points = h.Points,
                            ReturnedPoints = returned,
                            NetPoints = h.Points - returned,
                        };
                    }),
            },
            Skus =
            {
                skus.OrderBy(s => s.Sku, StringComparer.Ordinal).Select(s => new Api.SkuRedemptions
                {
                    Sku = s.Sku,
                    Name = s.Name,
                    Quantity = s.Quantity,
                    Points = s.Points,
                    ReturnedQuantity = s.ReturnedQuantity,
                    ReturnedPoints = s.ReturnedPoints,
                    NetQuantity = s.Quantity - s.ReturnedQuantity,
                    NetPoints = s.Points - s.ReturnedPoints,
                }),
            },
            TotalPoints = households.Sum(h => h.Points),
            Orders = households.Sum(h => h.Orders),
        };
        report.ReturnedPoints = report.Households.Sum(h => h.ReturnedPoints);
        report.NetPoints = report.TotalPoints - report.ReturnedPoints;
        if (request.ByCounterAndClerk)
        {
            report.CounterClerks.AddRange(await CounterClerkLines.ForAsync(db, supermarket, start, end, ct));
        }

        return report;
    }

    public override async Task<Api.CoverageReport> Coverage(Api.CoverageRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
        var villages = await db.SupermarketVillages.AsNoTracking().Where(v => v.SupermarketCode == supermarket).Select(v => v.VillageCode)
            .OrderBy(v => v).ToListAsync(ct);
        var report = new Api.CoverageReport { SupermarketCode = supermarket };
        foreach (var village in villages)
        {
            long balance;
            try
            {
                balance = (await scoring.GetVillageTotalsAsync(village, ct)).Balance;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                balance = 0;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                throw new DomainException(StatusCode.Unavailable, "SCORING_UNAVAILABLE",
                    "The points ledger (Scoring) did not answer, so points outstanding cannot be summed. Try again in a moment.");
            }

            // A village's households below zero owe points; they do not lessen what others can claim.
            var outstanding = Math.Max(0, balance);
            report.Villages.Add(new Api.VillageOutstanding { VillageCode = village, PointsOutstanding = outstanding });
            report.PointsOutstanding += outstanding;
        }

        var stock = await db.Items.AsNoTracking().Where(i => i.SupermarketCode == supermarket && i.Active)
            .Select(i => new { Units = i.OnHand - i.Reserved, i.PricePoints }).ToListAsync(ct);
        report.StockValuePoints = stock.Sum(s => s.Units * s.PricePoints);
        report.CoverageBasisPoints = report.PointsOutstanding == 0
            ? 0
            : (long)((Int128)report.StockValuePoints * 10_000 / report.PointsOutstanding);
        return report;
    }

    public override async Task<Api.DonorThanksList> DonorThanks(Api.DonorThanksRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
        var donor = Input.Text(request.DonorName, "donor_name", "donor's name, as the donations were received");
        var (from, to, start, end) = Days(request.From, request.To);
        var lines = await DonationLines.ForAsync(db, supermarket, donor, start, end, inPublic: false, ct);
        var list = new Api.DonorThanksList
        {
            SupermarketCode = supermarket,
            SupermarketName = await SupermarketNameAsync(supermarket, ct),
            DonorName = donor,
            From = from,
            To = to,
            Donations = { lines },
            TotalValueFen = lines.Sum(l => l.ValueFen),
            Unvalued = lines.Count(l => l.Unvalued),
        };
        if (request.WithHouseholdsReached && lines.Count > 0)
        {
            var reached = await DonationLines.ReachedAsync(db, lines.Select(l => l.LotId).ToList(), ct);
            foreach (var line in lines)
            {
                line.HouseholdsReached = reached.GetValueOrDefault(line.LotId)?.Count ?? 0;
            }

            list.HouseholdsReached = reached.Values.SelectMany(h => h).Distinct().Count();
        }

        return list;
    }

    public override async Task<Api.PublicDonationsList> PublicDonations(Api.PublicDonationsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = await SupermarketAsync(request.SupermarketCode, ct);
        var (from, to, start, end) = Days(request.From, request.To);
        var lines = await DonationLines.ForAsync(db, supermarket, null, start, end, inPublic: true, ct);
        return new Api.PublicDonationsList
        {
            SupermarketCode = supermarket,
            SupermarketName = await SupermarketNameAsync(supermarket, ct),
            From = from,
            To = to,
            Donations = { lines },
            TotalValueFen = lines.Sum(l => l.ValueFen),
            Unvalued = lines.Count(l => l.Unvalued),
        };
    }

    private Task<string> SupermarketNameAsync(string supermarket, CancellationToken ct) =>
        db.Supermarkets.AsNoTracking().Where(s => s.Code == supermarket).Select(s => s.Name).FirstAsync(ct);

    private async Task<string> SupermarketAsync(string? code, CancellationToken ct)
    {
        var supermarket = Input.Code(code, "supermarket_code", "supermarket code");
        return await db.Supermarkets.AnyAsync(s => s.Code == supermarket, ct)
            ? supermarket
            : throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"No supermarket with code {supermarket} is registered.",
                ("supermarket_code", supermarket));
    }

    private static (string From, string To, DateTime Start, DateTime End) Days(string? from, string? to)
    {
        var first = Day(from, "from");
        var last = Day(to, "to");
        if (last < first || last.DayNumber - first.DayNumber >= MaxDays)
        {
            throw DomainException.Invalid("PERIOD_INVALID",
                $"The period's last day ('to', {Text(last)}) must be its first day ('from', {Text(first)}) or later, and the period at most {MaxDays} days long.",
                "to");
        }

        return (Text(first), Text(last), ChinaTime.StartOfDayUtc(first), ChinaTime.StartOfDayUtc(last.AddDays(1)));
    }

    private static DateOnly Day(string? text, string field) =>
        DateOnly.TryParseExact((text ?? string.Empty).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 2000 and <= 2100
            ? day
            : throw DomainException.Invalid("DAY_INVALID", $"The '{field}' day is written yyyy-MM-dd, for example 2026-11-01.",
                field);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
