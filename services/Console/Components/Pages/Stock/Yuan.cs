using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.WebConsole.Components.Pages.Stock;

/// <summary>Money is whole fen; people read and type yuan with two decimals. Integer arithmetic only.</summary>
internal static partial class Yuan
{
    public static string FromFen(long fen)
    {
        var sign = fen < 0 ? "-" : string.Empty;
        // Negating long.MinValue overflows; the magnitude fits an unsigned long.
        var magnitude = fen < 0 ? (ulong)(-(fen + 1)) + 1 : (ulong)fen;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{magnitude / 100}.{magnitude % 100:D2}");
    }

    /// <summary>Reads "12", "12.5" or "12.50" (yuan) as fen; empty is 0. Anything else is not money.</summary>
    public static bool TryParseFen(string? text, out long fen)
    {
        fen = 0;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        var match = Amount().Match(trimmed);
        if (!match.Success)
        {
            return false;
        }

        var cents = match.Groups[2].Value.PadRight(2, '0');
        fen = (long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * 100) + long.Parse(cents, CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"^(\d{1,12})(?:\.(\d{1,2}))?$")]
    private static partial Regex Amount();
}
