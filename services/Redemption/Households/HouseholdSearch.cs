using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Text;

namespace Platform.Redemption.Households;

/// <summary>
/// What a counter clerk types to find a household: its number (or a card scanner typing it),
/// its card number (exactly), or part of the head's name in Han characters, in pinyin, or as initials.
/// </summary>
internal static class HouseholdSearch
{
    public const int MaxQueryLength = 32;

    /// <summary>The query trimmed; empty when none was typed.</summary>
    public static string Query(string? query) =>
        Input.SearchQuery(query, MaxQueryLength, " of a household number or of the head's name (characters, pinyin or initials)");

    /// <summary>
    /// Households whose number starts with the query, whose head's name contains it, or, when
    /// it is typed in Latin letters, whose name's pinyin contains it or whose initials start
    /// with it ("wang jian", "jianguo", "wjg"). A query with a Han character is matched against
    /// the name only, so "建国" does not find 健国. The stored spellings are searched with LIKE
    /// (instr or strpos): no index helps a substring, and a supermarket's few thousand
    /// households are read in well under a millisecond.
    /// </summary>
    public static IQueryable<CachedHousehold> Matching(this IQueryable<CachedHousehold> households, string query)
    {
        if (query.Length == 0)
        {
            return households;
        }

        if (Pinyin.HasHan(query))
        {
            return households.Where(h => h.Number.StartsWith(query) || h.HeadName.Contains(query));
        }

        var spelled = Pinyin.Full(query);
        if (spelled.Length == 0)
        {
            return households.Where(h => h.Number.StartsWith(query) || h.CardNumber == query || h.HeadName.Contains(query));
        }

        return households.Where(h => h.Number.StartsWith(query) || h.CardNumber == query || h.HeadName.Contains(query)
            || h.HeadPinyin.Contains(spelled) || h.HeadInitials.StartsWith(spelled));
    }
}
