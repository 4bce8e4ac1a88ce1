using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.Scoring.Rules;
using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Awards;

/// <summary>
/// Counts what already uses a rule's cap for households: posted entries not reversed, and
/// proposals still on their way. Loaded once for a whole sheet, then checked line by line.
/// </summary>
internal sealed class CapCounter
{
    private readonly Dictionary<(long Household, string Rule, string Period), int> counts = new();

    private CapCounter()
    {
    }

    public static async Task<CapCounter> LoadAsync(ScoringDb db, string villageCode, IReadOnlyCollection<string> cappedRules,
        string period, CancellationToken cancellationToken)
    {
        var counter = new CapCounter();
        if (cappedRules.Count == 0)
        {
            return counter;
        }

        var year = Ledger.Period.Year(period);
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.VillageCode == villageCode && e.RuleCode != null && cappedRules.Contains(e.RuleCode)
                && e.Period.StartsWith(year) && (e.Kind == EntryKind.Award || e.Kind == EntryKind.Deduction)
                && !db.Entries.Any(r => r.ReversesEntryId == e.Id))
            .GroupBy(e => new { e.HouseholdId, e.RuleCode, e.Period })
            .Select(g => new { g.Key.HouseholdId, g.Key.RuleCode, g.Key.Period, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var pending = await db.Proposals.AsNoTracking()
            .Where(p => p.VillageCode == villageCode && cappedRules.Contains(p.RuleCode) && p.Period.StartsWith(year))
            .Pending(db)
            .GroupBy(p => new { p.HouseholdId, p.RuleCode, p.Period })
            .Select(g => new { g.Key.HouseholdId, g.Key.RuleCode, g.Key.Period, Count = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var row in entries)
        {
            counter.Add(row.HouseholdId, row.RuleCode!, row.Period, row.Count);
        }

        foreach (var row in pending)
        {
            counter.Add(row.HouseholdId, row.RuleCode, row.Period, row.Count);
        }

        return counter;
    }

    /// <summary>Null when one more is within the cap (and counts it); otherwise why not.</summary>
    public string? TryUse(Rule rule, long householdId, string householdNumber, string period)
    {
        if (rule.CapCount == 0)
        {
            return null;
        }

        var used = rule.CapPeriod == CapPeriod.Month
            ? Get(householdId, rule.Code, period)
            : counts.Where(kv => kv.Key.Household == householdId && kv.Key.Rule == rule.Code
                && kv.Key.Period.StartsWith(Ledger.Period.Year(period), StringComparison.Ordinal)).Sum(kv => kv.Value);
        if (used >= rule.CapCount)
        {
            var window = rule.CapPeriod == CapPeriod.Month ? $"month {period}" : $"year {Ledger.Period.Year(period)}";
            return $"Household {householdNumber} already has {used} of at most {rule.CapCount} '{rule.Name}' in {window} (posted or pending).";
        }

        Add(householdId, rule.Code, period, 1);
        return null;
    }

    public void Require(Rule rule, long householdId, string householdNumber, string period)
    {
        if (TryUse(rule, householdId, householdNumber, period) is { } problem)
        {
            throw DomainException.Precondition("CAP_REACHED", problem,
                ("rule_code", rule.Code), ("household_number", householdNumber));
        }
    }

    private int Get(long household, string rule, string period) =>
        counts.TryGetValue((household, rule, period), out var n) ? n : 0;

    private void Add(long household, string rule, string period, int n) =>
        counts[(household, rule, period)] = Get(household, rule, period) + n;
}
