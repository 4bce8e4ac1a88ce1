using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Paging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Expiry;

/// <summary>gRPC face of points expiry (decision 0014): the policy, the list of expiring points, expiry on demand.</summary>
internal sealed class ExpiryService(ScoringDb db, Lookups lookups, IdempotentWrites<ScoringDb> writes, ExpiryPosting posting, TimeProvider time)
    : Api.PointsExpiry.PointsExpiryBase
{
    public override Task<Api.ExpiryPolicy> SetExpiryPolicy(Api.SetExpiryPolicyRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SetExpiryPolicy), request, async ct =>
        {
            var village = await lookups.VillageAsync(request.VillageCode, ct);
            var actor = Lookups.Actor(request.Actor);
            var rule = request.Rule switch
            {
                Api.ExpiryRule.None => ExpiryRuleKind.None,
                Api.ExpiryRule.MonthsAfterEarning => ExpiryRuleKind.MonthsAfterEarning,
                Api.ExpiryRule.YearEnd => ExpiryRuleKind.YearEnd,
                _ => throw DomainException.Invalid("EXPIRY_RULE_INVALID",
                    "Choose how points expire: NONE, MONTHS_AFTER_EARNING (with months) or YEAR_END.", "rule"),
            };
            if (rule == ExpiryRuleKind.MonthsAfterEarning ? request.Months is < 1 or > ExpiryRules.MaxMonths : request.Months != 0)
            {
                throw DomainException.Invalid("EXPIRY_MONTHS_INVALID", rule == ExpiryRuleKind.MonthsAfterEarning
                        ? $"Points expire 1 to {ExpiryRules.MaxMonths} months after the month they were earned; {request.Months} was given."
                        : "Months are given only with MONTHS_AFTER_EARNING; leave them 0.",
                    "months");
            }

            if (request.NoticeDays is < 0 or > ExpiryRules.MaxNoticeDays)
            {
                throw DomainException.Invalid("EXPIRY_NOTICE_DAYS_INVALID",
                    $"The notice goes out 1 to {ExpiryRules.MaxNoticeDays} days before points expire (0 for {ExpiryRules.DefaultNoticeDays}); {request.NoticeDays} was given.",
                    "notice_days");
            }

            var policy = await db.ExpiryPolicies.FirstOrDefaultAsync(p => p.VillageCode == village.Code, ct);
            if (policy is null)
            {
                policy = new VillageExpiryPolicy { VillageCode = village.Code, SetBy = actor };
                db.ExpiryPolicies.Add(policy);
            }

            policy.Rule = rule;
            policy.Months = request.Months;
            policy.NoticeDays = request.NoticeDays == 0 ? ExpiryRules.DefaultNoticeDays : request.NoticeDays;
            policy.SetBy = actor;
            policy.SetAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return ToApi(policy, village.Code);
        }, context.CancellationToken);

    public override async Task<Api.ExpiryPolicy> GetExpiryPolicy(Api.GetExpiryPolicyRequest request, ServerCallContext context)
    {
        var village = await lookups.VillageAsync(request.VillageCode, context.CancellationToken);
        return ToApi(await PolicyAsync(village.Code, context.CancellationToken), village.Code);
    }

    public override async Task<Api.ExpiringPoints> ListExpiringPoints(Api.ListExpiringPointsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var boundary = string.IsNullOrWhiteSpace(request.Boundary) ? ExpiryRules.NextBoundary(now) : Period.Parse(request.Boundary, now, "boundary");
        if (ExpiryRules.Start(boundary) <= now)
        {
            throw DomainException.Invalid("EXPIRY_BOUNDARY_NOT_AHEAD",
                $"List the points expiring at a month start still to come (the next is {ExpiryRules.NextBoundary(now)}); {boundary} has come. Statements show what expired.",
                "boundary");
        }

        var size = Paging.Size(request.PageSize);
        var after = Paging.After(request.PageToken);
        var answer = new Api.ExpiringPoints { VillageCode = village.Code, Boundary = boundary, ExpiresAt = StoredTime.Stamp(ExpiryRules.Start(boundary)) };
        var policy = await PolicyAsync(village.Code, ct);
        if (policy is null || !ExpiryRules.Applies(policy, boundary))
        {
            return answer;
        }

        answer.CutPeriod = ExpiryRules.CutPeriod(policy.Rule, policy.Months, boundary);
        var due = await posting.DueAsync(village.Code, answer.CutPeriod, ct);
        answer.Households = due.Count;
        answer.Points = due.Sum(d => d.Points);
        var page = due.Where(d => d.HouseholdId > after).Take(size + 1).ToList();
        var ids = page.Select(d => d.HouseholdId).ToList();
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, ct);
        answer.Lines.AddRange(page.Take(size).Select(d => new Api.ExpiringLine
        {
            HouseholdNumber = households[d.HouseholdId].Number, HeadName = households[d.HouseholdId].HeadName, Points = d.Points,
        }));
        if (page.Count > size)
        {
            answer.NextPageToken = Paging.Token(page[size - 1].HouseholdId);
        }

        return answer;
    }

    public override Task<Api.ExpiryRun> ExpireDue(Api.ExpireDueRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ExpireDue), request, async ct =>
        {
            var village = await lookups.VillageAsync(request.VillageCode, ct);
            var actor = Lookups.Actor(request.Actor);
            var now = time.GetUtcNow().UtcDateTime;
            var boundary = string.IsNullOrWhiteSpace(request.Boundary) ? ExpiryRules.CurrentBoundary(now) : Period.Parse(request.Boundary, now, "boundary");
            if (ExpiryRules.Start(boundary) > now)
            {
                throw DomainException.Precondition("EXPIRY_BOUNDARY_NOT_REACHED",
                    $"Points expire at {boundary} only once that month has begun; the latest boundary now is {ExpiryRules.CurrentBoundary(now)}.",
                    ("boundary", boundary));
            }

            var done = await db.ExpiredBoundaries.AsNoTracking().FirstOrDefaultAsync(b => b.VillageCode == village.Code && b.Boundary == boundary, ct);
            if (done is not null)
            {
                return ToApi(done);
            }

            var policy = await PolicyAsync(village.Code, ct);
            if (policy is null)
            {
                throw DomainException.Precondition("EXPIRY_POLICY_NONE",
                    $"Village {village.Code} has no expiry policy, so its points do not expire. Set one first (SetExpiryPolicy).",
                    ("village_code", village.Code));
            }

            if (!ExpiryRules.Applies(policy, boundary))
            {
                throw DomainException.Precondition("EXPIRY_BOUNDARY_BEFORE_POLICY",
                    $"Village {village.Code}'s policy was set on {policy.SetAt:yyyy-MM-dd}; it applies from the next month start on, not at {boundary}.",
                    ("boundary", boundary), ("policy_set_at", policy.SetAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }

            var target = new ExpiryPosting.Target(village.Code, ExpiryRules.CutPeriod(policy.Rule, policy.Months, boundary));
            var runs = await posting.ExpireAsync([target], boundary, actor, request.IdempotencyKey.Trim(), ct);
            if (runs.Count == 0)
            {
                // Expired by the job meanwhile: its run stands.
                return ToApi(await db.ExpiredBoundaries.AsNoTracking().FirstAsync(b => b.VillageCode == village.Code && b.Boundary == boundary, ct));
            }

            return ToApi(runs[0]);
        }, context.CancellationToken);

    private async Task<VillageExpiryPolicy?> PolicyAsync(string village, CancellationToken ct) =>
        await db.ExpiryPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.VillageCode == village && p.Rule != ExpiryRuleKind.None, ct);

    private Api.ExpiryPolicy ToApi(VillageExpiryPolicy? policy, string village)
    {
        if (policy is null || policy.Rule == ExpiryRuleKind.None)
        {
            return new Api.ExpiryPolicy
            {
                VillageCode = village, Rule = Api.ExpiryRule.None, SetBy = policy?.SetBy ?? string.Empty,
                SetAt = policy is null ? null : StoredTime.Stamp(policy.SetAt),
            };
        }

        var now = time.GetUtcNow().UtcDateTime;
        var next = ExpiryRules.NextBoundary(now);
        while (!ExpiryRules.Applies(policy, next))
        {
            next = Period.Of(ExpiryRules.Start(next).AddMonths(1));
        }

        return new Api.ExpiryPolicy
        {
            VillageCode = village,
            Rule = (Api.ExpiryRule)(int)policy.Rule,
            Months = policy.Months,
            NoticeDays = policy.NoticeDays,
            SetBy = policy.SetBy,
            SetAt = StoredTime.Stamp(policy.SetAt),
            NextBoundary = next,
            NextCutPeriod = ExpiryRules.CutPeriod(policy.Rule, policy.Months, next),
        };
    }

    private static Api.ExpiryRun ToApi(ExpiredBoundary run) => new()
    {
        VillageCode = run.VillageCode,
        Boundary = run.Boundary,
        CutPeriod = run.CutPeriod,
        Households = run.Households,
        Points = run.Points,
        RunBy = run.RunBy,
        RunAt = StoredTime.Stamp(run.RunAt),
    };
}
