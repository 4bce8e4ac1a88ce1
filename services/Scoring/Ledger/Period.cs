using System.Globalization;
using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Ledger;

/// <summary>A month as "yyyy-MM": the period entries, caps and leaderboards count in.</summary>
internal static class Period
{
    public static string Of(DateTime utc) => utc.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Checks a period a person typed; empty means the month of <paramref name="now"/>.</summary>
    public static string Parse(string? text, DateTime now, string field = "period")
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Of(now);
        }

        var trimmed = text.Trim();
        if (trimmed.Length != 7
            || !DateTime.TryParseExact(trimmed, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
            || month.Year < 2000 || month.Year > 2100)
        {
            throw DomainException.Invalid("PERIOD_INVALID",
                $"The period must be a month written yyyy-MM, for example 2026-11; '{(trimmed.Length > 20 ? trimmed[..20] : trimmed)}' is not.",
                field);
        }

        return trimmed;
    }

    /// <summary>Periods counted together for a cap: the same month, or the same year.</summary>
    public static string Year(string period) => period[..4];
}
