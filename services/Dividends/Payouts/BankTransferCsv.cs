using System.Globalization;
using System.Text;
using Platform.Dividends.Members;

namespace Platform.Dividends.Payouts;

/// <summary>The bank-transfer file of a distribution: one row per pending bank transfer, amounts in yuan with two decimals.</summary>
internal static class BankTransferCsv
{
    public static byte[] Write(IEnumerable<(Payout Payout, Member Member)> rows)
    {
        var csv = new StringBuilder("payout_id,member_id,village_code,household_number,account_holder,account,amount_yuan\n");
        foreach (var (p, m) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{p.PayoutId},{m.Id},{m.VillageCode},{m.HouseholdNumber},{Field(m.HeadName)},{p.Account},{Yuan(p.AmountFen)}\n");
        }

        return new UTF8Encoding(false).GetBytes(csv.ToString());
    }

    /// <summary>Whole fen as yuan text, without ever going through floating point.</summary>
    public static string Yuan(long fen) =>
        string.Create(CultureInfo.InvariantCulture, $"{(fen < 0 ? "-" : string.Empty)}{Math.Abs(fen / 100)}.{Math.Abs(fen % 100):00}");

    // Names may hold commas or quotes; spreadsheet formulas are neutralised.
    private static string Field(string text)
    {
        var safe = text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
