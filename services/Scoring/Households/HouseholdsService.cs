using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Awards;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Paging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Households;

/// <summary>gRPC face of household registration, split and merge.</summary>
internal sealed class HouseholdsService(
    ScoringDb db, Lookups lookups, IdempotentWrites<ScoringDb> writes, PointsLedger ledger, HouseholdViews views, HouseholdRegistry registry, HouseholdMoves moves, TimeProvider time)
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

            var taken = await TakenAsync(village.Code, request.Households, ct);
            var today = views.Today;
            var violations = HouseholdInput.Check(request.Households, taken, today);
            if (violations.Count > 0)
            {
                throw DomainException.InvalidRows("HOUSEHOLDS_INVALID",
                    $"{violations.Count} problem(s) in the batch of households; nothing was registered. {string.Join(" ", violations.Take(5).Select(v => v.Description))}",
                    "households", violations);
            }

            var households = await AddAsync(request.Households, village.Code, actor, ct);
            return new Api.RegisterHouseholdsResponse { Households = { households.Select(h => views.Summary(h, null)) } };
        }, context.CancellationToken);

    public override async Task<Api.Household> GetHousehold(Api.HouseholdRef request, ServerCallContext context)
    {
        var household = await lookups.HouseholdAsync(request, context.CancellationToken, mustBeActive: false);
        return views.Summary(household, await views.MergedIntoNumberAsync(household, context.CancellationToken));
    }

    public override async Task<Api.HouseholdDetail> GetHouseholdDetail(Api.HouseholdRef request, ServerCallContext context)
    {
        var household = await lookups.HouseholdAsync(request, context.CancellationToken, mustBeActive: false);
        return await views.DetailAsync(household, context.CancellationToken);
    }

    public override async Task<Api.SearchHouseholdsResponse> SearchHouseholds(Api.SearchHouseholdsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        var query = HouseholdSearch.Query(request.Query);
        var size = Paging.Size(request.PageSize);
        var after = Paging.After(request.PageToken);
        var page = await db.Households.AsNoTracking()
            .Where(h => h.VillageCode == village.Code && h.Id > after)
            .Matching(db, query)
            .OrderBy(h => h.Id).Take(size + 1).ToListAsync(ct);
        var merged = page.Where(h => h.MergedIntoId is not null).Select(h => h.MergedIntoId!.Value).Distinct().ToList();
        var numbers = await db.Households.AsNoTracking().Where(h => merged.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var response = new Api.SearchHouseholdsResponse
        {
            Households = { page.Take(size).Select(h => views.Summary(h, h.MergedIntoId is { } id ? numbers.GetValueOrDefault(id) : null)) },
        };
        if (page.Count > size)
        {
            response.NextPageToken = Paging.Token(page[size - 1].Id);
        }

        return response;
    }

    public override Task<Api.HouseholdDetail> AddMember(Api.AddMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(AddMember), request, ct => registry.AddMemberAsync(request, ct), context.CancellationToken);

    public override Task<Api.HouseholdDetail> UpdateMember(Api.UpdateMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(UpdateMember), request, ct => registry.UpdateMemberAsync(request, ct), context.CancellationToken);

    public override Task<Api.HouseholdDetail> RemoveMember(Api.RemoveMemberRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RemoveMember), request, ct => registry.RemoveMemberAsync(request, ct), context.CancellationToken);

    public override Task<Api.HouseholdDetail> ChangeHead(Api.ChangeHeadRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ChangeHead), request, ct => registry.ChangeHeadAsync(request, ct), context.CancellationToken);

    public override Task<Api.HouseholdDetail> RecordPovertyStatus(Api.RecordPovertyStatusRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(RecordPovertyStatus), request, ct => registry.RecordPovertyStatusAsync(request, ct), context.CancellationToken);

    public override Task<Api.HouseholdDetail> MoveCard(Api.MoveCardRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(MoveCard), request, ct => registry.MoveCardAsync(request, ct), context.CancellationToken);

    public override async Task<Api.ListHouseholdsResponse> ListHouseholds(Api.ListHouseholdsRequest request, ServerCallContext context)
    {
        var village = await lookups.VillageAsync(request.VillageCode, context.CancellationToken);
        var size = Paging.Size(request.PageSize);
        var after = Paging.After(request.PageToken);
        var page = await db.Households.AsNoTracking()
            .Where(h => h.VillageCode == village.Code && h.Id > after)
            .OrderBy(h => h.Id).Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new Api.ListHouseholdsResponse { Households = { page.Take(size).Select(h => views.Summary(h, null)) } };
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

            var moving = await moves.MovingMembersAsync(source, request, ct);
            var row = request.NewHousehold;
            if (moving.Count > 0 && row.MemberCount == 0)
            {
                row = row.Clone();
                row.MemberCount = moving.Count;
            }

            var taken = await TakenAsync(source.VillageCode, [row], ct);
            var violations = HouseholdInput.Check([row], taken, views.Today);
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

            var created = (await AddAsync([row], source.VillageCode, actor, ct))[0];
            if (moving.Count > 0)
            {
                source = await moves.SplitMembersAsync(source, created, moving, ct);
            }

            await MoveAsync(source, created, request.PointsToMove, actor, reason.Length > 0 ? reason : "Household split (分户)", request.IdempotencyKey, ct);
            return new Api.SplitHouseholdResponse
            {
                Source = views.Summary(source, null),
                NewHousehold = views.Summary(created, null),
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
            var (closed, joined) = await moves.CloseAsync(source, target, ct);
            return new Api.MergeHouseholdsResponse
            {
                Source = views.Summary(closed, target.Number),
                Target = views.Summary(joined, null),
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

    /// <summary>Numbers, cards and ID card numbers of the rows that the village already holds.</summary>
    private async Task<HouseholdInput.Taken> TakenAsync(string village, IReadOnlyList<Api.NewHousehold> rows, CancellationToken ct)
    {
        var numbers = rows.Select(h => h.HouseholdNumber?.Trim() ?? string.Empty).ToList();
        var (cards, ids) = HouseholdInput.Keys(rows);
        var numbersTaken = await db.Households.AsNoTracking()
            .Where(h => h.VillageCode == village && numbers.Contains(h.Number)).Select(h => h.Number).ToListAsync(ct);
        var cardsTaken = cards.Count == 0 ? [] : await db.Households.AsNoTracking()
            .Where(h => h.VillageCode == village && cards.Contains(h.CardNumber!)).Select(h => h.CardNumber!).ToListAsync(ct);
        var idsTaken = ids.Count == 0 ? [] : await db.HouseholdMembers.AsNoTracking()
            .Where(m => m.VillageCode == village && m.RemovedAt == null && ids.Contains(m.IdCardNumber!)).Select(m => m.IdCardNumber!).ToListAsync(ct);
        return new HouseholdInput.Taken(numbersTaken.ToHashSet(StringComparer.Ordinal), cardsTaken.ToHashSet(StringComparer.Ordinal),
            idsTaken.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Adds checked rows: households, their accounts, members, first poverty status and registered events.</summary>
    private async Task<List<Household>> AddAsync(IReadOnlyList<Api.NewHousehold> rows, string village, string actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = views.Today;
        var added = rows.Select(row => (Household: HouseholdInput.ToHousehold(row, village, actor, now, today),
            Members: HouseholdInput.Members(row, village, actor, now, today))).ToList();
        db.Households.AddRange(added.Select(a => a.Household));
        await db.SaveChangesAsync(ct);
        foreach (var (household, members) in added)
        {
            db.Accounts.Add(new Account { HouseholdId = household.Id, VillageCode = household.VillageCode });
            members.ForEach(m => m.HouseholdId = household.Id);
            db.HouseholdMembers.AddRange(members);
            if (household.PovertyStatus != PovertyStatus.None)
            {
                db.PovertyStatusChanges.Add(new PovertyStatusChange
                {
                    HouseholdId = household.Id, VillageCode = village, Status = household.PovertyStatus, EffectiveOn = today,
                    RecordedAt = now, RecordedBy = actor, Note = "registered",
                });
            }

            db.AddEvent(views.Registered(household, members));
        }

        await db.SaveChangesAsync(ct);
        return added.Select(a => a.Household).ToList();
    }
}
