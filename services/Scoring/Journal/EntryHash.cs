using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Scoring.Ledger;

namespace Platform.Scoring.Journal;

/// <summary>
/// The hash that chains an entry to the one before it in its village: SHA-256 over a canonical
/// text of every field an auditor relies on, the entry's place in the chain and the previous
/// hash. Changing any of them in the database breaks the chain at that entry.
/// </summary>
internal static class EntryHash
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Of(LedgerEntry e, long seq, string previous)
    {
        var text = string.Join('|',
            "v1", previous, Num(seq), Num(e.Id), e.VillageCode, Num(e.HouseholdId), Num((int)e.Kind), Num(e.Points),
            e.RuleCode ?? string.Empty, e.RuleVersion is { } v ? Num(v) : string.Empty, e.Actor,
            // Microseconds: what both databases keep of a timestamp.
            Num(DateTime.SpecifyKind(e.At, DateTimeKind.Utc).Ticks / 10), e.Reason, e.RequestId, e.Period,
            e.ReversesEntryId is { } r ? Num(r) : string.Empty, e.HoldId ?? string.Empty, e.ProposalId is { } p ? Num(p) : string.Empty);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
