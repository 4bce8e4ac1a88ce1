using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.Redemption.ScoringLink;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Orders;

/// <summary>gRPC face of the supermarket counter.</summary>
internal sealed class CounterService(RedemptionDb db, CounterDesk desk, Redemptions redemptions, Returns returns, ScoringLedger scoring, TimeProvider time)
    : Api.Counter.CounterBase
{
    public override async Task<Api.FindHouseholdsResponse> FindHouseholds(Api.FindHouseholdsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var place = await desk.CounterAsync(request.CounterCode, ct);
        var prefix = (request.NumberPrefix ?? string.Empty).Trim();
        if (prefix.Length > Input.MaxCodeLength || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw DomainException.Invalid("NUMBER_PREFIX_INVALID", "Type the start of a household number: letters, digits or hyphens.",
                "number_prefix");
        }

        var query = HouseholdSearch.Query(request.Query);
        var limit = request.Limit switch
        {
            0 => 10,
            < 0 or > 50 => throw DomainException.Invalid("LIMIT_INVALID", "Ask for 1 to 50 households (0 for 10).",
                "limit"),
            _ => request.Limit,
        };
        var found = await db.Households.AsNoTracking()
            .Where(h => place.Villages.Contains(h.VillageCode) && h.Number.StartsWith(prefix))
            .Matching(query)
            .OrderBy(h => h.Number).ThenBy(h => h.VillageCode).Take(limit).ToListAsync(ct);
        return new Api.FindHouseholdsResponse
        {
            Households =
            {
                found.Select(h => new Api.HouseholdSummary
                {
                    VillageCode = h.VillageCode, HouseholdNumber = h.Number, HeadName = h.HeadName, CardNumber = h.CardNumber ?? string.Empty,
                    Merged = h.Merged, MergedIntoHouseholdNumber = h.MergedInto ?? string.Empty,
                }),
            },
        };
    }

    public override async Task<Api.HouseholdCard> LookupHousehold(Api.LookupHouseholdRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var place = await desk.CounterAsync(request.CounterCode, ct);
        var household = await desk.HouseholdAsync(place, request.VillageCode, request.HouseholdNumber, ct);
        long available;
        try
        {
            available = (await scoring.GetBalanceAsync(household.VillageCode, household.Number, ct)).Available;
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            throw new DomainException(StatusCode.Unavailable, "SCORING_UNAVAILABLE",
                "The points ledger (Scoring) did not answer; the household's balance cannot be shown. Try again in a moment.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var limited = await db.Items.AsNoTracking().Where(i => i.SupermarketCode == place.Supermarket && i.Active && i.LimitPerHousehold > 0)
            .OrderBy(i => i.Sku).ToListAsync(ct);
        var periods = limited.Select(i => ChinaTime.Period(i.LimitPeriod, now)).Distinct().ToList();
        var used = await db.Usage.AsNoTracking()
            .Where(u => u.SupermarketCode == place.Supermarket && u.VillageCode == household.VillageCode && u.HouseholdNumber == household.Number
                && periods.Contains(u.Period))
            .ToDictionaryAsync(u => (u.Sku, u.Period), u => u.Quantity, ct);
        return new Api.HouseholdCard
        {
            VillageCode = household.VillageCode,
            HouseholdNumber = household.Number,
            HeadName = household.HeadName,
            MemberCount = household.MemberCount,
            PovertyRegistered = household.PovertyRegistered,
            Monitored = household.Monitored,
            HasMemberOver70 = household.HasMemberOver70On(ChinaTime.Today(now)),
            AvailablePoints = available,
            CardNumber = household.CardNumber ?? string.Empty,
            Merged = household.Merged,
            MergedIntoHouseholdNumber = household.MergedInto ?? string.Empty,
            Limits =
            {
                limited.Select(i =>
                {
                    var period = ChinaTime.Period(i.LimitPeriod, now);
                    return new Api.LimitUse
                    {
                        Sku = i.Sku,
                        Name = i.Name,
                        Period = period,
                        Limit = i.LimitPerHousehold,
                        Used = used.GetValueOrDefault((i.Sku, period)),
                    };
                }),
            },
        };
    }

    public override Task<Api.Receipt> Redeem(Api.RedeemRequest request, ServerCallContext context)
    {
        // Try, Scoring, then confirm or cancel: each commits on its own, and only the end tells
        // the outcome. On PostgreSQL a confirm inserts the call's one record with its change
        // (PostgresCounter); otherwise the record, with the outcome, is written after the call.
        AuditCall.RecordCurrentAfterTheCall();
        return redemptions.RedeemAsync(request, context.CancellationToken);
    }

    public override Task<Api.Receipt> GetOrder(Api.GetOrderRequest request, ServerCallContext context) =>
        redemptions.GetAsync(request.OrderId, context.CancellationToken);

    public override Task<Api.ReturnReceipt> ReturnGoods(Api.ReturnGoodsRequest request, ServerCallContext context)
    {
        // Recorded, refunded by Scoring, then the goods put back: several commits, one record after the call.
        AuditCall.RecordCurrentAfterTheCall();
        return returns.ReturnAsync(request, context.CancellationToken);
    }
}
