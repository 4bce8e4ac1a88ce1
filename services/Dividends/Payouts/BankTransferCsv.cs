using System.Globalization;
using System.Text;
using Platform.Dividends.Members;

namespace Platform.Dividends.Payouts;

/// <summary>
/// The bank-transfer file of a distribution: one row per pending bank transfer, amounts in yuan with
/// two decimals. Account and ID card numbers are written as text with a leading tab (the common way
/// Chinese payroll files keep Excel from turning long digit strings into 6.23E+18 and dropping
/// leading zeros; bank import systems trim it). The ID card number is written in full: the bank
/// needs it to match the holder, and this file is the one place it leaves the service unmasked.
/// </summary>
internal static class BankTransferCsv
{
    public const string Header = "payout_id,member_id,village_code,household_number,account_holder,id_card_number,account,amount_yuan";

    public static byte[] Write(IEnumerable<(Payout Payout, Member Member, PaymentDetails? Details)> rows, Encoding encoding)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var (p, m, details) in rows)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{p.PayoutId},{m.Id},{m.VillageCode},{m.HouseholdNumber},{Field(details?.AccountHolder ?? m.HeadName)},{Digits(details?.IdCardNumber)},{Digits(p.Account)},{Yuan(p.AmountFen)}\r\n");
        }

        var body = encoding.GetBytes(csv.ToString());
        return [.. encoding.GetPreamble(), .. body];
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

    // Account and ID numbers hold only letters, digits and - . _ @ (checked when recorded), so quoting is enough.
    private static string Digits(string? text) => string.IsNullOrEmpty(text) ? string.Empty : "\"\t" + text + "\"";
}
