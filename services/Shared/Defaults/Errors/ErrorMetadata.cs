using System.Globalization;

namespace Platform.ServiceDefaults.Errors;

/// <summary>The small helpers a refusal's metadata is built with.</summary>
public static class ErrorMetadata
{
    public static IReadOnlyDictionary<string, string> Of(params ReadOnlySpan<(string Key, string Value)> pairs)
    {
        var map = new Dictionary<string, string>(pairs.Length, StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            map[key] = value;
        }

        return map;
    }

    /// <summary>A number as metadata carries it: invariant digits.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// True when the message names the field as the request spells it: "household_number" or
    /// "lines[2].sku" anywhere, a one-word field such as "to" only in quotes ('to').
    /// </summary>
    public static bool NamesField(string message, string field) =>
        field.IndexOfAny(['_', '.', '[']) >= 0
            ? message.Contains(field, StringComparison.Ordinal)
            : message.Contains($"'{field}'", StringComparison.Ordinal) || message.Contains($"`{field}`", StringComparison.Ordinal);

    /// <summary>The message, naming the field at its end unless it already does.</summary>
    public static string WithField(string message, string field) =>
        NamesField(message, field) ? message
            : message.EndsWith('.') ? $"{message[..^1]} (field '{field}')."
            : $"{message} (field '{field}')";
}
