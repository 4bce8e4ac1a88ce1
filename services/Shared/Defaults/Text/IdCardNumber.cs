using System.Globalization;
using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Text;

/// <summary>
/// The 18-character resident ID card number (公民身份号码, GB 11643-1999): 6 digits of the
/// place, 8 of the birth date, 3 of sequence, and a check character (0–9 or X) from ISO 7064
/// MOD 11-2. A refusal says what is wrong without repeating the number.
/// </summary>
public static class IdCardNumber
{
    public const int Length = 18;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The number in its stored form (trimmed, X uppercase), or null for an empty one.</summary>
    public static string? Normalise(string? typed, string field)
    {
        var trimmed = (typed ?? string.Empty).Trim().ToUpperInvariant();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed.Length != Length || !trimmed[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(trimmed[17]) || trimmed[17] == 'X'))
        {
            throw DomainException.Invalid("ID_CARD_NUMBER_INVALID",
                $"An ID card number has 18 characters: 17 digits and a last digit or X; the one given has {Math.Min(trimmed.Length, 99)} characters or other signs. Copy it again from the card.",
                field);
        }

        if (!DateOnly.TryParseExact(trimmed.Substring(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw DomainException.Invalid("ID_CARD_NUMBER_INVALID",
                "Characters 7 to 14 of an ID card number are a birth date (yyyyMMdd); in the one given they are not a date. Copy it again from the card.",
                field);
        }

        if (CheckCharacter(trimmed) != trimmed[17])
        {
            throw DomainException.Invalid("ID_CARD_NUMBER_CHECK_FAILED",
                "The ID card number's last character does not match the others (its check digit): a character was mistyped. Copy it again from the card.",
                field);
        }

        return trimmed;
    }

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(string number)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (number[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>"410522********1234": the only form in which a number leaves the service.</summary>
    public static string Mask(string? stored) =>
        string.IsNullOrEmpty(stored) ? string.Empty
        : stored.Length == Length ? string.Concat(stored.AsSpan(0, 6), "********", stored.AsSpan(14, 4))
        : new string('*', stored.Length);
}
