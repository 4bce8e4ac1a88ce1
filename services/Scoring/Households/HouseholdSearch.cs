using Platform.Scoring.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Text;

namespace Platform.Scoring.Households;

/// <summary>
/// What the village office types to find a household: its number or card number, an ID card
/// number, or part of a name (the head's or an active member's) in characters, pinyin or initials.
/// </summary>
internal static class HouseholdSearch
{
    public const int MaxQueryLength = 32;

    public static string Query(string? query)
    {
        var trimmed = (query ?? string.Empty).Trim();
        if (trimmed.Length > MaxQueryLength || trimmed.Any(char.IsControl) || !Input.WellFormed(trimmed))
        {
            throw DomainException.Invalid("QUERY_INVALID",
                $"Type at most {MaxQueryLength} characters: a household or card number, an ID card number, or part of a name (characters, pinyin or initials).",
                "query", ("max_length", MaxQueryLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return trimmed;
    }

    /// <summary>
    /// Numbers match from their start, cards and ID card numbers exactly (the stored form:
    /// uppercase X), names as a substring of the characters or of the pinyin, initials from their
    /// start. A query with a Han character is matched against the names' characters only.
    /// </summary>
    public static IQueryable<Household> Matching(this IQueryable<Household> households, ScoringDb db, string query)
    {
        if (query.Length == 0)
        {
            return households;
        }

        var members = db.HouseholdMembers.Where(m => m.RemovedAt == null);
        if (query.Any(IsHan))
        {
            return households.Where(h => h.HeadName.Contains(query)
                || members.Any(m => m.HouseholdId == h.Id && m.Name.Contains(query)));
        }

        var id = query.ToUpperInvariant();
        var spelled = Pinyin.Full(query);
        if (spelled.Length == 0)
        {
            return households.Where(h => h.Number.StartsWith(query) || h.CardNumber == query);
        }

        return households.Where(h => h.Number.StartsWith(query) || h.CardNumber == query
            || h.HeadPinyin.Contains(spelled) || h.HeadInitials.StartsWith(spelled)
            || members.Any(m => m.HouseholdId == h.Id
                && (m.IdCardNumber == id || m.NamePinyin.Contains(spelled) || m.NameInitials.StartsWith(spelled))));
    }

    private static bool IsHan(char c) =>
        c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') || char.IsSurrogate(c);
}
