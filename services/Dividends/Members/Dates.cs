using System.Globalization;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Members;

/// <summary>Days travel as ISO text (yyyy-MM-dd) in the API.</summary>
internal static class Dates
{
    public static DateOnly Required(string? text, string field, string what) =>
        Optional(text, field, what) ?? throw DomainException.Invalid($"{field.ToUpperInvariant()}_REQUIRED",
            $"The {what} is required, as a date like 2025-12-31.", field);

    public static DateOnly? Optional(string? text, string field, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw DomainException.Invalid($"{field.ToUpperInvariant()}_INVALID",
                $"The {what} must be a date like 2025-12-31.", field);
    }

    public static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Text(DateOnly? day) => day is { } d ? Text(d) : string.Empty;
}
