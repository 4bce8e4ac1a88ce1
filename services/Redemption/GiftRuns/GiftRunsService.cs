using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.Redemption.Stock;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.GiftRuns;

/// <summary>gRPC face of gift runs: goods given free to eligible households, once each.</summary>
internal sealed class GiftRunsService(RedemptionDb db, StockBook stock, IdempotentWrites<RedemptionDb> writes, TimeProvider time)
    : Api.GiftRuns.GiftRunsBase
{
    private readonly GiftRunBook runs = new(db, stock, time);

    public const long MaxQuantityPerHousehold = 1000;
    public const int MaxRunsListed = 200;

    public override Task<Api.GiftRun> CreateGiftRun(Api.CreateGiftRunRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(CreateGiftRun), request, async ct =>
        {
            var supermarket = Input.Code(request.SupermarketCode, "supermarket_code", "supermarket code");
            var villages = await VillagesAsync(supermarket, ct);
            var plan = GiftRequests.Plan(request, supermarket, villages, GiftRunViews.Today(time));
            var run = await runs.CreateAsync(plan, villages, ct);
            return GiftRunViews.ToApi(run, await GiftRunViews.AvailableAsync(db, supermarket, run.Sku, GiftRunViews.Today(time), ct));
        }, context.CancellationToken);

    public override async Task<Api.GiftRun> GetGiftRun(Api.GetGiftRunRequest request, ServerCallContext context)
    {
        var (supermarket, runId) = GiftRequests.Run(request.SupermarketCode, request.RunId);
        var run = await runs.FindAsync(supermarket, runId, context.CancellationToken);
        return GiftRunViews.ToApi(run, await GiftRunViews.AvailableAsync(db, supermarket, run.Sku, GiftRunViews.Today(time), context.CancellationToken));
    }

    public override async Task<Api.ListGiftRunsResponse> ListGiftRuns(Api.ListGiftRunsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var supermarket = Input.Code(request.SupermarketCode, "supermarket_code", "supermarket code");
        await VillagesAsync(supermarket, ct);
        var found = await db.GiftRuns.AsNoTracking()
            .Where(r => r.SupermarketCode == supermarket && (!request.OpenOnly || r.Status == GiftRunStatus.Open))
            .OrderByDescending(r => r.Id).Take(MaxRunsListed).ToListAsync(ct);
        var available = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sku in found.Select(r => r.Sku).Distinct())
        {
            available[sku] = await GiftRunViews.AvailableAsync(db, supermarket, sku, GiftRunViews.Today(time), ct);
        }

        return new Api.ListGiftRunsResponse { Runs = { found.Select(r => GiftRunViews.ToApi(r, available[r.Sku])) } };
    }

    public override Task<Api.GiftHandOut> HandOutGift(Api.HandOutGiftRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(HandOutGift), request, async ct =>
        {
            var (supermarket, runId) = GiftRequests.Run(request.SupermarketCode, request.RunId);
            var village = GiftRequests.OptionalCode(request.VillageCode, "village_code", "village code");
            var household = Input.Code(request.HouseholdNumber, "household_number", "household number");
            var collectedBy = GiftRequests.OptionalText(request.CollectedBy, "collected_by", "name of the person collecting");
            var actor = Input.Text(request.Actor, "actor", "name of the clerk handing out");
            var given = await new GiftHandOuts(db, runs, stock, time).OneAsync(supermarket, runId, village, household, collectedBy, actor, request.IdempotencyKey.Trim(), ct);
            return await ToApiAsync(given, ct);
        }, context.CancellationToken);

    public override Task<Api.GiftHandOut> HandOutRemaining(Api.HandOutRemainingRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(HandOutRemaining), request, async ct =>
        {
            var (supermarket, runId) = GiftRequests.Run(request.SupermarketCode, request.RunId);
            var village = GiftRequests.OptionalCode(request.VillageCode, "village_code", "village code");
            var deliveredBy = Input.Text(request.DeliveredBy, "delivered_by", "name of the village cadre delivering the shares");
            var actor = Input.Text(request.Actor, "actor", "name of the clerk handing out");
            var given = await new GiftHandOuts(db, runs, stock, time).RemainingAsync(supermarket, runId, village, deliveredBy, actor, request.IdempotencyKey.Trim(), ct);
            return await ToApiAsync(given, ct);
        }, context.CancellationToken);

    public override Task<Api.GiftRun> CloseGiftRun(Api.CloseGiftRunRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(CloseGiftRun), request, async ct =>
        {
            var (supermarket, runId) = GiftRequests.Run(request.SupermarketCode, request.RunId);
            var reason = Input.Text(request.Reason, "reason", "reason for ending the run", 400);
            var actor = Input.Text(request.Actor, "actor", "name of the person ending the run");
            var run = await runs.CloseAsync(supermarket, runId, reason, actor, ct);
            return GiftRunViews.ToApi(run, await GiftRunViews.AvailableAsync(db, supermarket, run.Sku, GiftRunViews.Today(time), ct));
        }, context.CancellationToken);

    public override async Task<Api.GiftSigningList> GetSigningList(Api.GetSigningListRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var (supermarket, runId) = GiftRequests.Run(request.SupermarketCode, request.RunId);
        var run = await runs.FindAsync(supermarket, runId, ct);
        var shares = (await db.GiftShares.AsNoTracking().Where(s => s.RunId == run.Id).ToListAsync(ct))
            .OrderBy(s => s.VillageCode, StringComparer.Ordinal).ThenBy(s => s.HouseholdNumber, StringComparer.Ordinal).ToList();
        var names = await GiftRunViews.VillageNamesAsync(db, shares.Select(s => s.VillageCode), ct);
        return new Api.GiftSigningList
        {
            Run = GiftRunViews.ToApi(run, await GiftRunViews.AvailableAsync(db, supermarket, run.Sku, GiftRunViews.Today(time), ct)),
            SupermarketName = await db.Supermarkets.AsNoTracking().Where(s => s.Code == supermarket).Select(s => s.Name).FirstAsync(ct),
            Shares = { shares.Select(s => GiftRunViews.ToApi(s, names.GetValueOrDefault(s.VillageCode, string.Empty))) },
        };
    }

    private async Task<Api.GiftHandOut> ToApiAsync(GiftHandOuts.Given given, CancellationToken ct)
    {
        var names = await GiftRunViews.VillageNamesAsync(db, given.Shares.Select(s => s.VillageCode), ct);
        return new Api.GiftHandOut
        {
            RunId = given.Run.Id,
            Shares = { given.Shares.Select(s => GiftRunViews.ToApi(s, names.GetValueOrDefault(s.VillageCode, string.Empty))) },
            Units = given.Shares.Sum(s => s.Quantity),
            MergedLeftOut = given.MergedLeftOut,
            Movements = { given.Movements.Select(StockService.ToApi) },
        };
    }

    /// <summary>The villages a supermarket serves; refuses a supermarket that is not registered.</summary>
    private async Task<List<string>> VillagesAsync(string supermarket, CancellationToken ct)
    {
        var villages = await db.SupermarketVillages.AsNoTracking().Where(v => v.SupermarketCode == supermarket).Select(v => v.VillageCode).ToListAsync(ct);
        return villages.Count > 0
            ? villages.Order(StringComparer.Ordinal).ToList()
            : throw DomainException.NotFound("SUPERMARKET_NOT_FOUND", $"No supermarket with code {supermarket} is registered.",
                ("supermarket_code", supermarket));
    }
}
