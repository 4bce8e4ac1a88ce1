using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Awards;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Paging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>gRPC face of household registration, split and merge.</summary>
internal sealed class HouseholdsService(ScoringDb db, Lookups lookups, IdempotentWrites<ScoringDb> writes, PointsLedger ledger, TimeProvider time)
    : Api.Households.HouseholdsBase
{
    public override Task<Api.RegisterHouseholdsResponse> RegisterHouseholds(Api.RegisterHouseholdsRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RegisterHouseholds), request, async ct =>
        {
            var village = await lookups.VillageAsync(request.VillageCode, ct);
            var actor = Lookups.Actor(request.Actor);
            if (request.Households.Count is 0 or > HouseholdInput.MaxBatch)
            {
                throw DomainException.Invalid("HOUSEHOLDS_COUNT_INVALID",
                    $"Register 1 to {HouseholdInput.MaxBatch} households in one call; {request.Households.Count} were given.",
                    "households");
            }

            var numbers = request.Households.Select(h => h.HouseholdNumber?.Trim() ?? string.Empty).ToList();
            var taken = (await db.Households.AsNoTracking()
                .Where(h => h.VillageCode == village.Code && numbers.Contains(h.Number))
                .Select(h => h.Number).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var violations = HouseholdInput.Check(request.Households, taken);
            if (violations.Count > 0)
            {
                throw DomainException.InvalidRows("HOUSEHOLDS_INVALID",
                    $"{violations.Count} problem(s) in the batch of households; nothing was registered. {string.Join(" ", violations.Take(5).Select(v => v.Description))}",
                    "households", violations);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var households = request.Households.Select(row => HouseholdInput.ToHousehold(row, village.Code, actor, now)).ToList();
            db.Households.AddRange(households);
            await db.SaveChangesAsync(ct);
            db.Accounts.AddRange(households.Select(h => new Account { HouseholdId = h.Id, VillageCode = h.VillageCode }));
            foreach (var h in households)
            {
                db.AddEvent(Registered(h));
            }

            await db.SaveChangesAsync(ct);
            return new Api.RegisterHouseholdsResponse { Households = { households.Select(h => ToApi(h, null)) } };
        }, context.CancellationToken);

    public override async Task<Api.Household> GetHousehold(Api.HouseholdRef request, ServerCallContext context)
    {
        var household = await lookups.HouseholdAsync(request, context.CancellationToken, mustBeActive: false);
        return ToApi(household, await MergedIntoNumber(household, context.CancellationToken));
    }

    public override async Task<Api.ListHouseholdsResponse> ListHouseholds(Api.ListHouseholdsRequest request, ServerCallContext context)
    {
        var village = await lookups.VillageAsync(request.VillageCode, context.CancellationToken);
        var size = Paging.Size(request.PageSize);
        var after = Paging.After(request.PageToken);
        var page = await db.Households.AsNoTracking()
            .Where(h => h.VillageCode == village.Code && h.Id > after)
            .OrderBy(h => h.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new Api.ListHouseholdsResponse { Households = { page.Take(size).Select(h => ToApi(h, null)) } };
        if (page.Count > size)
        {
            response.NextPageToken = Paging.Token(page[size - 1].Id);
        }

        return response;
    }

    public override Task<Api.SplitHouseholdResponse> SplitHousehold(Api.SplitHouseholdRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SplitHousehold), request, async ct =>
        {
            var source = await lookups.HouseholdAsync(request.Source, ct);
            var actor = Lookups.Actor(request.Actor);
            var reason = Lookups.Note(request.Reason, "reason");
            if (request.NewHousehold is null)
            {
                throw DomainException.Invalid("NEW_HOUSEHOLD_REQUIRED", "Give the new household's number, head and members.",
                    "new_household");
            }

            var taken = await db.Households.AnyAsync(h => h.VillageCode == source.VillageCode && h.Number == request.NewHousehold.HouseholdNumber.Trim(), ct)
                ? new HashSet<string>(StringComparer.Ordinal) { request.NewHousehold.HouseholdNumber.Trim() }
                : [];
            var violations = HouseholdInput.Check([request.NewHousehold], taken);
            if (violations.Count > 0)
            {
                throw DomainException.InvalidRows("NEW_HOUSEHOLD_INVALID",
                    "The new household: " + violations[0].Description.Replace("row 1: ", string.Empty), "new_household", violations);
            }

            if (request.PointsToMove < 0 || request.PointsToMove > PointsLedger.MaxPoints)
            {
                throw DomainException.Invalid("POINTS_INVALID", "Points to move must be 0 or more.",
                    "points_to_move");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var created = HouseholdInput.ToHousehold(request.NewHousehold, source.VillageCode, actor, now);
            db.Households.Add(created);
            await db.SaveChangesAsync(ct);
            db.Accounts.Add(new Account { HouseholdId = created.Id, VillageCode = created.VillageCode });
            db.AddEvent(Registered(created));
            await db.SaveChangesAsync(ct);
            await MoveAsync(source, created, request.PointsToMove, actor, reason.Length > 0 ? reason : "Household split (分户)", request.IdempotencyKey, ct);
            return new Api.SplitHouseholdResponse
            {
                Source = ToApi(source, null),
                NewHousehold = ToApi(created, null),
                PointsMoved = request.PointsToMove,
            };
        }, context.CancellationToken);

    public override Task<Api.MergeHouseholdsResponse> MergeHouseholds(Api.MergeHouseholdsRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(MergeHouseholds), request, async ct =>
        {
            var source = await lookups.HouseholdAsync(request.Source, ct);
            var target = await lookups.HouseholdAsync(source.VillageCode, request.TargetHouseholdNumber, ct);
            var actor = Lookups.Actor(request.Actor);
            var reason = Lookups.Note(request.Reason, "reason");
            if (source.Id == target.Id)
            {
                throw DomainException.Invalid("MERGE_INTO_ITSELF", "A household cannot be merged into itself.",
                    "target_household_number");
            }

            var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.HouseholdId == source.Id, ct);
            if (account.Held > 0)
            {
                throw DomainException.Precondition("HOLDS_PENDING",
                    $"Household {source.Number} has {account.Held} points held for a redemption in progress; finish or cancel it before merging.");
            }

            // A proposal still on its way would later post to the closed household, stranding its points.
            var pending = await db.Proposals.Where(p => p.HouseholdId == source.Id).Pending(db).CountAsync(ct);
            if (pending > 0)
            {
                throw DomainException.Precondition("PROPOSALS_PENDING",
                    $"Household {source.Number} has {pending} award or deduction proposal(s) still before the panel or on notice; let them post or withdraw them before merging.");
            }

            // The whole balance moves, negative too: a debt from deductions follows the members.
            await MoveAsync(source, target, account.Balance, actor, reason.Length > 0 ? reason : "Households merged (合户)", request.IdempotencyKey, ct);
            var closed = await db.Households.Where(h => h.Id == source.Id && h.Status == HouseholdStatus.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HouseholdStatus.Merged).SetProperty(h => h.MergedIntoId, target.Id), ct);
            if (closed != 1)
            {
                throw DomainException.Precondition("HOUSEHOLD_MERGED", $"Household {source.Number} was merged meanwhile.");
            }

            source.Status = HouseholdStatus.Merged;
            source.MergedIntoId = target.Id;
            return new Api.MergeHouseholdsResponse
            {
                Source = ToApi(source, target.Number),
                Target = ToApi(target, null),
                PointsMoved = account.Balance,
            };
        }, context.CancellationToken);

    private async Task MoveAsync(Household from, Household to, long points, string actor, string reason, string requestId, CancellationToken ct)
    {
        if (points == 0)
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var period = Period.Of(now);
        await ledger.PostAsync(new LedgerEntry
        {
            HouseholdId = from.Id, VillageCode = from.VillageCode, Kind = EntryKind.TransferOut, Points = -points,
            Actor = actor, At = now, Reason = $"{reason}: to household {to.Number}", RequestId = requestId, Period = period,
        }, null, ct, coveredByAvailable: points > 0);
        await ledger.PostAsync(new LedgerEntry
        {
            HouseholdId = to.Id, VillageCode = to.VillageCode, Kind = EntryKind.TransferIn, Points = points,
            Actor = actor, At = now, Reason = $"{reason}: from household {from.Number}", RequestId = requestId, Period = period,
        }, null, ct);
    }

    private async Task<string?> MergedIntoNumber(Household household, CancellationToken ct) =>
        household.MergedIntoId is { } id
            ? await db.Households.Where(h => h.Id == id).Select(h => h.Number).FirstOrDefaultAsync(ct)
            : null;

    private HouseholdRegistered Registered(Household h) => new(Guid.NewGuid(), time.GetUtcNow(), h.VillageCode, h.Number,
        h.HeadName, h.MemberCount, h.PovertyRegistered, h.Monitored, h.HasMemberOver70);

    internal static Api.Household ToApi(Household h, string? mergedInto) => new()
    {
        VillageCode = h.VillageCode,
        HouseholdNumber = h.Number,
        HeadName = h.HeadName,
        MemberCount = h.MemberCount,
        PovertyRegistered = h.PovertyRegistered,
        Monitored = h.Monitored,
        HasMemberOver70 = h.HasMemberOver70,
        Status = h.Status == HouseholdStatus.Active ? Api.HouseholdStatus.Active : Api.HouseholdStatus.Merged,
        RegisteredAt = StoredTime.Stamp(h.RegisteredAt),
        MergedIntoHouseholdNumber = mergedInto ?? string.Empty,
    };
}
