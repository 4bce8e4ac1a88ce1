using System.Globalization;
using System.Text;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Payouts;

/// <summary>
/// Reads the bank's result file: "payout id or account,amount in yuan,paid|failed,reference or
/// reason" per line, a first line naming the columns skipped. The whole file is read before anything
/// is applied, and one malformed line refuses it all, naming the line.
/// </summary>
internal static class BankResultFile
{
    public const int MaxLines = 20_000;

    public static IReadOnlyList<BankResultLine> Parse(byte[] bytes)
    {
        var text = FileEncodings.Read(bytes);
        var lines = new List<BankResultLine>();
        var raw = text.Split('\n');
        for (var i = 0; i < raw.Length; i++)
        {
            var number = i + 1;
            var line = raw[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = Fields(line, number);
            if (i == FirstNonEmpty(raw) && fields.Count >= 3 && !TryFen(Clean(fields[1]), out _) && Status(Clean(fields[2])) is null)
            {
                continue; // the header
            }

            if (fields.Count is < 3 or > 4)
            {
                throw Malformed(number, $"it has {fields.Count} fields; a line is: payout id or account, amount in yuan, paid or failed, reference or reason.");
            }

            var key = Clean(fields[0]);
            if (key.Length is 0 or > 64)
            {
                throw Malformed(number, "its first field must name the payout id or the account (1 to 64 characters).");
            }

            if (!TryFen(Clean(fields[1]), out var fen) || fen <= 0)
            {
                throw Malformed(number, "its amount must be yuan with at most two decimals, like 1234.50.");
            }

            var paid = Status(Clean(fields[2])) ?? throw Malformed(number, "its third field must be paid or failed (成功 or 失败).");
            var note = fields.Count > 3 ? Clean(fields[3]) : string.Empty;
            if (note.Length > 200 || !Input.WellFormed(note))
            {
                throw Malformed(number, "its reference or reason is longer than 200 characters or holds control characters.");
            }

            if (!paid && note.Length == 0)
            {
                throw Malformed(number, "a failed transfer needs the bank's reason, so it can be put right and retried.");
            }

            lines.Add(new BankResultLine(number, key, fen, paid, note.Length == 0 ? null : note));
            if (lines.Count > MaxLines)
            {
                throw Malformed(number, $"a file holds at most {MaxLines} transfers; split it.");
            }
        }

        return lines.Count > 0
            ? lines
            : throw DomainException.Invalid("RESULT_FILE_EMPTY", "The bank's result file holds no transfer lines.", "csv");
    }

    private static int FirstNonEmpty(string[] raw) => Array.FindIndex(raw, l => l.Trim().Length > 0);

    private static bool? Status(string text) => text.ToLowerInvariant() switch
    {
        "paid" or "success" or "成功" or "已支付" => true,
        "failed" or "fail" or "失败" => false,
        _ => null,
    };

    /// <summary>Yuan text to fen, digit by digit: "12", "12.3", "12.34".</summary>
    public static bool TryFen(string text, out long fen)
    {
        fen = 0;
        var parts = text.Trim().Split('.');
        if (parts.Length > 2 || parts[0].Length is 0 or > 12 || !parts[0].All(char.IsAsciiDigit)
            || (parts.Length == 2 && (parts[1].Length is 0 or > 2 || !parts[1].All(char.IsAsciiDigit))))
        {
            return false;
        }

        var cents = parts.Length == 2 ? parts[1].PadRight(2, '0') : "00";
        fen = long.Parse(parts[0], CultureInfo.InvariantCulture) * 100 + int.Parse(cents, CultureInfo.InvariantCulture);
        return true;
    }

    // What the bank may echo of our own file: a tab before numbers, or Excel's ="…".
    private static string Clean(string field)
    {
        var text = field.Trim();
        if (text.StartsWith("=\"", StringComparison.Ordinal) && text.EndsWith('"'))
        {
            text = text[2..^1];
        }

        return text.Trim();
    }

    private static List<string> Fields(string line, int number)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"' && current.ToString().Trim().Length == 0)
            {
                quoted = true;
                current.Clear();
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw Malformed(number, "a quoted field is not closed.");
        }

        fields.Add(current.ToString());
        return fields;
    }

    private static DomainException Malformed(int line, string why) =>
        DomainException.Invalid("RESULT_FILE_MALFORMED",
            $"Line {line} of the bank's result file cannot be read: {why} Nothing in the file was applied; correct it and import it again.",
            "csv", ("line", line.ToString(CultureInfo.InvariantCulture)));
}
