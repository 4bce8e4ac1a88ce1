using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Panels;

/// <summary>A resident ID number (居民身份证号): 17 digits and a check character (digit or X).</summary>
internal static class IdCardNumber
{
    public const int Length = 18;

    /// <summary>The number as given, upper-cased; null for none; refused when malformed.</summary>
    public static string? Parse(string? value, string field)
    {
        var text = value?.Trim().ToUpperInvariant() ?? string.Empty;
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Length != Length || !text[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(text[17]) || text[17] == 'X'))
        {
            throw DomainException.Invalid("ID_CARD_NUMBER_INVALID",
                "An ID card number has 18 characters: 17 digits and a last digit or X. Leave it empty if unknown.", field);
        }

        return text;
    }

    /// <summary>What is shown: the first 3 and the last 4 characters (110***********123X).</summary>
    public static string Masked(string? number) =>
        string.IsNullOrEmpty(number) ? string.Empty : number[..3] + new string('*', number.Length - 7) + number[^4..];
}
