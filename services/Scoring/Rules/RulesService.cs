using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Idempotency;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Rules;

/// <summary>gRPC face of a village's rule catalogue.</summary>
internal sealed class RulesService(ScoringDb db, Lookups lookups, RuleCatalogue catalogue, IdempotentWrites<ScoringDb> writes, TimeProvider time)
    : Api.Rules.RulesBase
{
    public const long MaxRulePoints = 10_000;

    public override async Task<Api.ListRulesResponse> ListRules(Api.ListRulesRequest request, ServerCallContext context)
    {
        var village = await lookups.VillageAsync(request.VillageCode, context.CancellationToken);
        var all = await db.Rules.AsNoTracking().Where(r => r.VillageCode == village.Code).ToListAsync(context.CancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var rules = request.IncludeHistory
            ? all.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Version)
            : all.GroupBy(r => r.Code).Select(g => RuleCatalogue.Pick(g, now)).OfType<Rule>().OrderBy(r => r.Code, StringComparer.Ordinal);
        return new Api.ListRulesResponse { Rules = { rules.Select(ToApi) } };
    }

    public override async Task<Api.Rule> GetRule(Api.GetRuleRequest request, ServerCallContext context)
    {
        var village = await lookups.VillageAsync(request.VillageCode, context.CancellationToken);
        if (request.Version == 0)
        {
            return ToApi(await catalogue.InForceAsync(village.Code, request.Code, time.GetUtcNow().UtcDateTime, context.CancellationToken));
        }

        var code = Input.Code(request.Code, "rule_code", "rule code");
        var rule = await db.Rules.AsNoTracking()
            .FirstOrDefaultAsync(r => r.VillageCode == village.Code && r.Code == code && r.Version == request.Version, context.CancellationToken)
            ?? throw DomainException.NotFound("RULE_NOT_FOUND", $"Rule {code} of village {village.Code} has no version {request.Version}.");
        return ToApi(rule);
    }

    public override Task<Api.Rule> DefineRule(Api.DefineRuleRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(DefineRule), request, async ct =>
        {
            var village = await lookups.VillageAsync(request.VillageCode, ct);
            var code = Input.Code(request.Code, "code", "rule code");
            var name = Input.Text(request.Name, "name", "rule name");
            var actor = Lookups.Actor(request.Actor);
            if (request.Points == 0 || Math.Abs(request.Points) > MaxRulePoints)
            {
                throw DomainException.Invalid("POINTS_INVALID",
                    $"A rule awards (positive) or deducts (negative) 1 to {MaxRulePoints} points; {request.Points} was given.",
                    "points");
            }

            var capPeriod = request.CapPeriod switch
            {
                Api.CapPeriod.Unspecified => CapPeriod.None,
                Api.CapPeriod.Month => CapPeriod.Month,
                Api.CapPeriod.Year => CapPeriod.Year,
                _ => throw DomainException.Invalid("CAP_PERIOD_INVALID", "The cap period is a month or a year.",
                    "cap_period"),
            };
            if (request.CapCount < 0 || request.CapCount > 366 || (request.CapCount > 0) != (capPeriod != CapPeriod.None))
            {
                throw DomainException.Invalid("CAP_INVALID",
                    "A cap is a count of 1 to 366 with a period (month or year), or no cap at all (count 0, no period).",
                    "cap_count");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var from = Input.Time(request.EffectiveFrom, "effective_from") ?? now;
            var to = Input.Time(request.EffectiveTo, "effective_to");
            if (to is not null && to <= from)
            {
                throw DomainException.Invalid("EFFECTIVE_DATES_INVALID", "A rule must end after it starts.",
                    "effective_to");
            }

            var latest = await db.Rules.Where(r => r.VillageCode == village.Code && r.Code == code)
                .MaxAsync(r => (int?)r.Version, ct) ?? 0;
            var rule = new Rule
            {
                VillageCode = village.Code,
                Code = code,
                Version = latest + 1,
                Name = name,
                Points = request.Points,
                EvidenceRequired = request.EvidenceRequired,
                CapCount = request.CapCount,
                CapPeriod = capPeriod,
                EffectiveFrom = from,
                EffectiveTo = to,
                DefinedBy = actor,
                DefinedAt = now,
            };
            db.Rules.Add(rule);
            await db.SaveChangesAsync(ct);
            return ToApi(rule);
        }, context.CancellationToken);

    internal static Api.Rule ToApi(Rule r)
    {
        var rule = new Api.Rule
        {
            VillageCode = r.VillageCode,
            Code = r.Code,
            Version = r.Version,
            Name = r.Name,
            Points = r.Points,
            EvidenceRequired = r.EvidenceRequired,
            CapCount = r.CapCount,
            CapPeriod = r.CapPeriod switch
            {
                CapPeriod.Month => Api.CapPeriod.Month,
                CapPeriod.Year => Api.CapPeriod.Year,
                _ => Api.CapPeriod.Unspecified,
            },
            EffectiveFrom = StoredTime.Stamp(r.EffectiveFrom),
            DefinedBy = r.DefinedBy,
        };
        if (r.EffectiveTo is { } to)
        {
            rule.EffectiveTo = StoredTime.Stamp(to);
        }

        return rule;
    }
}
