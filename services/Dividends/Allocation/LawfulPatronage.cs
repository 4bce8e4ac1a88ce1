using System.Globalization;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Allocation;

/// <summary>
/// 农民专业合作社法 第四十四条: a farmers' specialised cooperative returns at least 60% of its
/// distributable surplus by members' trade, unless its statutes set another share. Guarantees and
/// the cap are taken before patronage, so a policy whose patronage rate is lawful can still leave
/// too little for trade; the draft is then refused with the figures.
/// </summary>
internal static class LawfulPatronage
{
    /// <summary>The law's share when the statutes say nothing else: 60%.</summary>
    public const int LawMinimumBp = 6_000;

    public static void Check(long patronageFen, long surplusFen, int minimumBp, long minimumFen, long guaranteedFen, bool nobodyTraded)
    {
        if (patronageFen >= minimumFen)
        {
            return;
        }

        var why = nobodyTraded
            ? "no member's trade with the cooperative is recorded for the period; record it (RecordPatronage) and draft again"
            : $"the guaranteed returns ({Yuan(guaranteedFen)} yuan) and the cap leave too little; lower the guarantee or the cap, or raise patronage_bp";
        throw DomainException.Precondition("PATRONAGE_PART_TOO_SMALL",
            $"A farmers' specialised cooperative must return at least {Percent(minimumBp)}% of its distributable surplus ({Yuan(surplusFen)} yuan) by members' trade, {Yuan(minimumFen)} yuan; this draft returns {Yuan(patronageFen)} yuan because {why}.",
            ("patronage_fen", Fen(patronageFen)), ("minimum_fen", Fen(minimumFen)), ("surplus_fen", Fen(surplusFen)),
            ("minimum_bp", minimumBp.ToString(CultureInfo.InvariantCulture)), ("guaranteed_fen", Fen(guaranteedFen)));
    }

    /// <summary>Refuses a policy whose patronage rate is below the share that applies to the cooperative.</summary>
    public static void CheckPolicy(int patronageBp, int minimumBp, bool fromStatutes)
    {
        if (patronageBp >= minimumBp)
        {
            return;
        }

        var source = fromStatutes ? "its statutes" : "the law (农民专业合作社法 第四十四条)";
        throw DomainException.Invalid("PATRONAGE_RATE_TOO_LOW",
            $"This farmers' specialised cooperative must return at least {Percent(minimumBp)}% of its distributable surplus by members' trade, as {source} require; patronage_bp {patronageBp} ({Percent(patronageBp)}%) is too low.",
            "patronage_bp",
            ("patronage_bp", patronageBp.ToString(CultureInfo.InvariantCulture)), ("minimum_bp", minimumBp.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Fen(long fen) => fen.ToString(CultureInfo.InvariantCulture);

    private static string Yuan(long fen) => (fen / 100).ToString("#,0", CultureInfo.InvariantCulture) + "." + (fen % 100).ToString("00", CultureInfo.InvariantCulture);

    private static string Percent(int bp) => bp % 100 == 0
        ? (bp / 100).ToString(CultureInfo.InvariantCulture)
        : (bp / 100).ToString(CultureInfo.InvariantCulture) + "." + (bp % 100).ToString("00", CultureInfo.InvariantCulture);
}
