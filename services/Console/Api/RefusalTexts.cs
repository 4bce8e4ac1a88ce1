using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Platform.WebConsole.Api;

/// <summary>
/// Words a refusal in the person's language: the resource named after its reason
/// (Resources/RefusalTexts.resx, zh-CN; RefusalTexts.en.resx), with {placeholders} filled from
/// the ErrorInfo metadata. A reason without a text gets the general sentence for its status.
/// </summary>
internal sealed partial class RefusalTexts(IStringLocalizer<RefusalTexts> texts)
{
    public string Sentence(Refusal refusal)
    {
        var template = texts[refusal.Reason];
        if (template.ResourceNotFound)
        {
            template = texts["STATUS_" + refusal.Status.ToString().ToUpperInvariant()];
            if (template.ResourceNotFound)
            {
                template = texts["UNKNOWN"];
            }
        }

        return Fill(template.Value, refusal.Metadata);
    }

    /// <summary>Replaces {name} with the metadata's value; a name the metadata lacks is left out.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> metadata) =>
        Placeholder().Replace(template, m => metadata.TryGetValue(m.Groups[1].Value, out var value) ? value : "?");

    [GeneratedRegex(@"\{([a-z_0-9]+)\}")]
    private static partial Regex Placeholder();
}
