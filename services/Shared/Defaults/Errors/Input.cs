namespace Platform.ServiceDefaults.Errors;

/// <summary>
/// Checks and tidies what a person typed, before anything is stored. Each refusal names the
/// field, so a console can point at it.
/// </summary>
public static class Input
{
    public const int MaxCodeLength = 32;
    public const int MaxTextLength = 100;

    /// <summary>A code such as a village's administrative code: letters, digits and hyphens.</summary>
    public static string Code(string? code, string field, string what)
    {
        var trimmed = (code ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw Refuse($"{Upper(field)}_REQUIRED", $"The {what} is required.", field);
        }

        if (trimmed.Length > MaxCodeLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw Refuse($"{Upper(field)}_INVALID",
                $"The {what} must be 1 to {MaxCodeLength} letters, digits or hyphens; '{Quote(trimmed)}' is not.", field);
        }

        return trimmed;
    }

    /// <summary>A name or short text, required, at most <paramref name="maxLength"/> characters.</summary>
    public static string Text(string? value, string field, string what, int maxLength = MaxTextLength)
    {
        var trimmed = (value ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw Refuse($"{Upper(field)}_REQUIRED", $"The {what} is required.", field);
        }

        if (trimmed.Length > maxLength || trimmed.Any(char.IsControl) || !WellFormed(trimmed))
        {
            throw Refuse($"{Upper(field)}_INVALID",
                $"The {what} must be at most {maxLength} characters without control characters.", field);
        }

        return trimmed;
    }

    /// <summary>
    /// What a person typed into a search box, trimmed (empty when nothing was typed); refused as
    /// QUERY_INVALID with <paramref name="whatToType"/> when longer than
    /// <paramref name="maxLength"/> or not text (control characters, a lone surrogate half).
    /// </summary>
    public static string SearchQuery(string? query, int maxLength, string whatToType)
    {
        var trimmed = (query ?? string.Empty).Trim();
        if (trimmed.Length > maxLength || trimmed.Any(char.IsControl) || !WellFormed(trimmed))
        {
            throw DomainException.Invalid("QUERY_INVALID", $"Type at most {maxLength} characters{whatToType}.",
                "query", ("max_length", maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return trimmed;
    }

    /// <summary>
    /// False for text with a lone surrogate half: it cannot be encoded as UTF-8, so no database
    /// or file could store it.
    /// </summary>
    public static bool WellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A protobuf timestamp as UTC, refusing one outside the years 2000–2100.</summary>
    public static DateTime? Time(Google.Protobuf.WellKnownTypes.Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Seconds < 946_684_800 || value.Seconds > 4_102_444_800 || value.Nanos is < 0 or > 999_999_999)
        {
            throw Refuse($"{Upper(field)}_INVALID", $"The {field.Replace('_', ' ')} must be a time between the years 2000 and 2100.", field);
        }

        return value.ToDateTime();
    }

    private static DomainException Refuse(string reason, string message, string field) =>
        DomainException.Invalid(reason, message, field);

    private static string Upper(string field) => field.ToUpperInvariant();

    /// <summary>
    /// A caller's value as it may go back in a message: cut to 40 characters, control characters
    /// and broken surrogate halves shown as '?' (whole characters outside the BMP are kept).
    /// </summary>
    public static string Quote(string text)
    {
        var chars = (text.Length <= 40 ? text : text[..40]).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsControl(chars[i]) || char.IsSurrogate(chars[i]))
            {
                chars[i] = '?';
            }
        }

        return text.Length <= 40 ? new string(chars) : new string(chars) + "…";
    }
}
