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

    public static string Query(string? query) =>
        Input.SearchQuery(query, MaxQueryLength, ": a household or card number, an ID card number, or part of a name (characters, pinyin or initials)");

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
        if (Pinyin.HasHan(query))
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
}
