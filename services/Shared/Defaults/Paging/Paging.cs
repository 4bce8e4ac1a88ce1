using System.Globalization;
using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Paging;

/// <summary>Keyset paging: a page token is the last id seen.</summary>
public static class Paging
{
    public const int DefaultSize = 50;
    public const int MaxSize = 500;

    public static int Size(int requested) => requested switch
    {
        0 => DefaultSize,
        < 0 or > MaxSize => throw DomainException.Invalid("PAGE_SIZE_INVALID",
            $"A page holds 1 to {MaxSize} items; {requested} was asked for.",
            "page_size"),
        _ => requested,
    };

    public static long After(string? token, long none = 0)
    {
        if (string.IsNullOrEmpty(token))
        {
            return none;
        }

        return long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw DomainException.Invalid("PAGE_TOKEN_INVALID", "The page token is not one this service gave out; start from the first page.",
                "page_token");
    }

    public static string Token(long id) => id.ToString(CultureInfo.InvariantCulture);
}
