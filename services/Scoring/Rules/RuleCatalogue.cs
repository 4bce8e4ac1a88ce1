using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Rules;

/// <summary>Finds the version of a rule in force, or refuses saying why.</summary>
internal sealed class RuleCatalogue(ScoringDb db)
{
    public async Task<Rule> InForceAsync(string villageCode, string? code, DateTime at, CancellationToken cancellationToken)
    {
        var checkedCode = Input.Code(code, "rule_code", "rule code");
        var versions = await db.Rules.AsNoTracking()
            .Where(r => r.VillageCode == villageCode && r.Code == checkedCode)
            .OrderByDescending(r => r.Version).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            throw DomainException.NotFound("RULE_NOT_FOUND",
                $"Village {villageCode} has no rule {checkedCode} in its catalogue.",
                ("rule_code", checkedCode));
        }

        return Pick(versions, at)
            ?? throw DomainException.Precondition("RULE_NOT_IN_FORCE",
                $"Rule {checkedCode} of village {villageCode} is not in force now (retired or not yet effective).",
                ("rule_code", checkedCode));
    }

    /// <summary>
    /// The version that governs a time: the newest one already effective then; null when that
    /// version has been retired by then. An older version never comes back.
    /// </summary>
    public static Rule? Pick(IEnumerable<Rule> versions, DateTime at) =>
        versions.Where(r => r.EffectiveFrom <= at).MaxBy(r => r.Version) is { } latest && latest.InForceAt(at) ? latest : null;
}
