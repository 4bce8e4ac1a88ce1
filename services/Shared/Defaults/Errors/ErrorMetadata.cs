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
    /// True when the message already names the field: "households[3].household_number" is named by
    /// "household_number" or "household number", case aside.
    /// </summary>
    public static bool NamesField(string message, string field)
    {
        var leaf = field[(field.LastIndexOf('.') + 1)..];
        var bracket = leaf.IndexOf('[', StringComparison.Ordinal);
        leaf = bracket >= 0 ? leaf[..bracket] : leaf;
        return message.Contains(field, StringComparison.OrdinalIgnoreCase)
            || message.Contains(leaf, StringComparison.OrdinalIgnoreCase)
            || message.Contains(leaf.Replace('_', ' '), StringComparison.OrdinalIgnoreCase);
    }
}
