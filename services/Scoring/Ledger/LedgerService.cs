using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Paging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Ledger;

/// <summary>gRPC face of the ledger: balances, statements, reversals, holds and spends.</summary>
/// <remarks>
/// The collaborators are resolved from the call's scope when first used, not injected: gRPC
/// creates this class for every call, and building a DbContext and its options cost more CPU
/// than a whole hold on PostgreSQL, whose store (<see cref="IHoldStore"/>) needs none of them.
/// </remarks>
internal sealed partial class LedgerService(IServiceProvider services)
    : Api.Ledger.LedgerBase
{
    private ScoringDb db => field ??= services.GetRequiredService<ScoringDb>();

    private Lookups lookups => field ??= services.GetRequiredService<Lookups>();

    private IdempotentWrites<ScoringDb> writes => field ??= services.GetRequiredService<IdempotentWrites<ScoringDb>>();

    private PointsLedger ledger => field ??= services.GetRequiredService<PointsLedger>();

    private LedgerReports reports => field ??= services.GetRequiredService<LedgerReports>();

    private HoldRefunds refunds => field ??= services.GetRequiredService<HoldRefunds>();

    private IHoldStore store => field ??= services.GetRequiredService<IHoldStore>();

    public const int MaxTtlSeconds = 86_400;
    public const int DefaultTtlSeconds = 300;

    public override async Task<Api.Balance> GetBalance(Api.HouseholdRef request, ServerCallContext context)
    {
        var household = await lookups.HouseholdAsync(request, context.CancellationToken, mustBeActive: false);
        return await BalanceAsync(household, context.CancellationToken);
    }

    public override async Task<Api.Statement> GetStatement(Api.GetStatementRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var household = await lookups.HouseholdAsync(request.Household, ct, mustBeActive: false);
        var size = Paging.Size(request.PageSize);
        var before = Paging.After(request.PageToken, none: long.MaxValue);
        var page = await db.Entries.AsNoTracking().Where(e => e.HouseholdId == household.Id && e.Id < before)
            .OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(ct);
        var ids = page.Select(e => e.Id).ToList();
        var reversedBy = await db.Entries.AsNoTracking().Where(e => e.ReversesEntryId != null && ids.Contains(e.ReversesEntryId.Value))
            .ToDictionaryAsync(e => e.ReversesEntryId!.Value, e => e.Id, ct);
        var balance = await BalanceAsync(household, ct);
        await services.GetRequiredService<Expiry.ExpiryPosting>().AddExpiringAsync(balance, household.Id, ct);
        var statement = new Api.Statement
        {
            Balance = balance,
            Entries = { page.Take(size).Select(e => ToApi(e, household.Number, reversedBy.GetValueOrDefault(e.Id))) },
        };
        if (page.Count > size)
        {
            statement.NextPageToken = Paging.Token(page[size - 1].Id);
        }

        return statement;
    }

    public override Task<Api.Entry> Reverse(Api.ReverseRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(Reverse), request, async ct =>
        {
            var actor = Lookups.Actor(request.Actor);
            var reason = Input.Text(request.Reason, "reason", "reason for the reversal", 500);
            if (request.EntryId <= 0)
            {
                throw DomainException.Invalid("ENTRY_ID_INVALID", "An entry id is a positive number.",
                    "entry_id");
            }

            var entry = await ledger.ReverseAsync(request.EntryId, actor, reason, request.IdempotencyKey.Trim(), ct);
            var number = await db.Households.Where(h => h.Id == entry.HouseholdId).Select(h => h.Number).FirstAsync(ct);
            return ToApi(entry, number, 0);
        }, context.CancellationToken);

    public override async Task<Api.HoldResponse> Hold(Api.HoldRequest request, ServerCallContext context)
    {
        var holdId = HoldId(request.HoldId);
        var (villageCode, number) = Lookups.CheckRef(request.Household);
        if (request.Points is <= 0 or > PointsLedger.MaxPoints)
        {
            throw DomainException.Invalid("POINTS_INVALID", $"Hold 1 to {PointsLedger.MaxPoints} points; {request.Points} was asked for.",
                "points");
        }

        if (request.TtlSeconds is < 0 or > MaxTtlSeconds)
        {
            throw DomainException.Invalid("TTL_INVALID", $"A hold lives 1 to {MaxTtlSeconds} seconds (0 for the default of {DefaultTtlSeconds}).",
                "ttl_seconds");
        }

        var actor = Lookups.Actor(request.Actor);
        var ttl = TimeSpan.FromSeconds(request.TtlSeconds == 0 ? DefaultTtlSeconds : request.TtlSeconds);
        var fingerprint = RequestFingerprint.Of(nameof(Hold), request);
        return ToApi(await store.HoldAsync(holdId, fingerprint, villageCode, number, request.Points, ttl, actor, context.CancellationToken));
    }

    public override async Task<Api.HoldResponse> Capture(Api.CaptureRequest request, ServerCallContext context)
    {
        var holdId = HoldId(request.HoldId);
        var actor = Lookups.Actor(request.Actor);
        return ToApi(await store.CaptureAsync(holdId, actor, context.CancellationToken));
    }

    public override async Task<Api.HoldResponse> Release(Api.ReleaseRequest request, ServerCallContext context)
    {
        var holdId = HoldId(request.HoldId);
        Lookups.Actor(request.Actor);
        return ToApi(await store.ReleaseAsync(holdId, context.CancellationToken));
    }

    public override async Task<Api.HoldResponse> GetHold(Api.GetHoldRequest request, ServerCallContext context) =>
        ToApi(await store.GetAsync(HoldId(request.HoldId), context.CancellationToken));

    public override Task<Api.Leaderboard> GetLeaderboard(Api.GetLeaderboardRequest request, ServerCallContext context) =>
        reports.LeaderboardAsync(request, context.CancellationToken);

    public override Task<Api.Leaderboard> RebuildLeaderboard(Api.RebuildLeaderboardRequest request, ServerCallContext context) =>
        reports.RebuildAsync(request, context.CancellationToken);

    public override Task<Api.Totals> GetVillageTotals(Api.GetVillageTotalsRequest request, ServerCallContext context) =>
        reports.VillageTotalsAsync(request.VillageCode, context.CancellationToken);

    public override Task<Api.Totals> GetCountyTotals(Api.GetCountyTotalsRequest request, ServerCallContext context) =>
        reports.CountyTotalsAsync(request.County, context.CancellationToken);

    private static string HoldId(string? holdId) => OrderId(holdId, "HOLD_ID_INVALID", "hold id", "hold_id");

    private static string OrderId(string? id, string reason, string what, string field)
    {
        var trimmed = id?.Trim() ?? string.Empty;
        return trimmed.Length is > 0 and <= IdempotentWrites<ScoringDb>.MaxKeyLength && !trimmed.Any(char.IsControl) && Input.WellFormed(trimmed)
            ? trimmed
            : throw DomainException.Invalid(reason,
                $"The {what} (the counter's order id) is required, at most {IdempotentWrites<ScoringDb>.MaxKeyLength} characters.",
                field);
    }

    private async Task<Api.Balance> BalanceAsync(Households.Household household, CancellationToken ct)
    {
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.HouseholdId == household.Id, ct);
        return new Api.Balance
        {
            VillageCode = household.VillageCode,
            HouseholdNumber = household.Number,
            Balance_ = account.Balance,
            Held = account.Held,
            Available = account.Balance - account.Held,
            LifetimeAwarded = account.Awarded,
            LifetimeDeducted = account.Deducted,
        };
    }

    private static Api.HoldResponse ToApi(HoldView view) => new()
    {
        HoldId = view.Hold.Id,
        Household = new Api.HouseholdRef { VillageCode = view.Hold.VillageCode, HouseholdNumber = view.HouseholdNumber },
        Points = view.Hold.Points,
        Status = (Api.HoldStatus)(int)view.Hold.Status,
        ExpiresAt = StoredTime.Stamp(view.Hold.ExpiresAt),
        EntryId = view.Hold.EntryId ?? 0,
        AvailableAfter = view.AvailableAfter,
        RefundEntryId = view.RefundEntryId,
    };

    internal static Api.Entry ToApi(LedgerEntry e, string householdNumber, long reversedBy) => new()
    {
        Id = e.Id,
        VillageCode = e.VillageCode,
        HouseholdNumber = householdNumber,
        Kind = (Api.EntryKind)(int)e.Kind,
        Points = e.Points,
        RuleCode = e.RuleCode ?? string.Empty,
        RuleVersion = e.RuleVersion ?? 0,
        Actor = e.Actor,
        At = StoredTime.Stamp(e.At),
        Reason = e.Reason,
        RequestId = e.RequestId,
        ReversesEntryId = e.ReversesEntryId ?? 0,
        ReversedByEntryId = reversedBy,
        Period = e.Period,
        HoldId = e.HoldId ?? string.Empty,
        ProposalId = e.ProposalId ?? 0,
    };
}
