using Platform.Scoring.Rules;
using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Awards;

/// <summary>Checks on what a proposal or sheet line says.</summary>
internal static class ProposalInput
{
    /// <summary>The month the conduct belongs to: given or current, never a future month.</summary>
    public static string PeriodNotAfter(string? text, DateTime now)
    {
        var period = Ledger.Period.Parse(text, now);
        if (string.CompareOrdinal(period, Ledger.Period.Of(now)) > 0)
        {
            throw DomainException.Invalid("PERIOD_IN_FUTURE", $"Conduct cannot be scored for {period}, a month still to come.",
                "period");
        }

        return period;
    }

    public static string? Evidence(Rule rule, string? evidence, string field)
    {
        var trimmed = evidence?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            return rule.EvidenceRequired
                ? throw DomainException.Invalid("EVIDENCE_REQUIRED",
                    $"Rule {rule.Code} ('{rule.Name}') needs evidence: give a reference (photo number, certificate, meeting minutes).",
                    field, ("rule_code", rule.Code))
                : null;
        }

        return Input.Text(trimmed, field, "evidence reference", 500);
    }
}
