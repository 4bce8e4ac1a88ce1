using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Platform.ServiceDefaults.Audit;

/// <summary>The key fields of a request, as text: its scalar fields and those of messages one level down.</summary>
internal static class AuditFields
{
    private static readonly string[] RequestIdFields = ["idempotency_key", "hold_id", "spend_id", "payout_id"];

    /// <summary>Fields whose value a record shows only masked: a resident ID card number (first 6 and last 4 characters).</summary>
    private static readonly HashSet<string> MaskedFields = new(StringComparer.Ordinal) { "id_card_number" };

    public static string Describe(IMessage request)
    {
        var text = new StringBuilder();
        Append(text, request, prefix: "", depth: 0);
        return Shorten(text.ToString(), AuditRecord.MaxKeyFields);
    }

    public static string? RequestId(IMessage request)
    {
        foreach (var name in RequestIdFields)
        {
            if (request.Descriptor.FindFieldByName(name) is { FieldType: FieldType.String } field
                && field.Accessor.GetValue(request) is string value && value.Trim().Length > 0)
            {
                return Shorten(value.Trim(), AuditRecord.MaxText);
            }
        }

        return null;
    }

    /// <summary>"410522********1234"; anything too short to keep its ends shows as stars.</summary>
    public static string Mask(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length >= 10 ? string.Concat(trimmed.AsSpan(0, 6), "********", trimmed.AsSpan(trimmed.Length - 4)) : "****";
    }

    public static string Shorten(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";

    private static void Append(StringBuilder text, IMessage message, string prefix, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsRepeated || field.IsMap)
            {
                if (field.Accessor.GetValue(message) is System.Collections.ICollection list && list.Count > 0)
                {
                    Add(text, prefix + field.Name, $"[{list.Count}]");
                }

                continue;
            }

            var value = field.Accessor.GetValue(message);
            switch (field.FieldType)
            {
                case FieldType.Message when depth == 0 && value is IMessage inner:
                    Append(text, inner, prefix + field.Name + ".", depth + 1);
                    break;
                case FieldType.Message or FieldType.Bytes or FieldType.Group:
                    break;
                default:
                    if (value is not null && !IsDefault(value))
                    {
                        Add(text, prefix + field.Name, MaskedFields.Contains(field.Name) ? Mask(value.ToString()!) : Shorten(value.ToString()!, 100));
                    }

                    break;
            }
        }
    }

    private static bool IsDefault(object value) => value switch
    {
        string s => s.Length == 0,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        uint u => u == 0,
        ulong ul => ul == 0,
        Enum e => Convert.ToInt32(e, System.Globalization.CultureInfo.InvariantCulture) == 0,
        _ => false,
    };

    private static void Add(StringBuilder text, string name, string value)
    {
        if (text.Length > 0)
        {
            text.Append("; ");
        }

        text.Append(name).Append('=').Append(value);
    }
}
