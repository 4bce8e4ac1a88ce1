using System.Globalization;
using Platform.Scoring.Ledger;

namespace Platform.Scoring.Expiry;

/// <summary>
/// The rules of expiry, with no I/O (decision 0014). Boundaries are month starts (UTC), like
/// periods. At a boundary, the batches (months of earning) up to its cut period expire, and a
/// household loses what of them it has not consumed. Consumption is first-earned-first, so what
/// remains of a household's points is its newest; whatever it can spend beyond the credits of
/// the batches still valid must be old: due = max(0, available − credits newer than the cut).
/// </summary>
internal static class ExpiryRules
{
    public const int MaxMonths = 120;
    public const int DefaultNoticeDays = 14;
    public const int MaxNoticeDays = 28;

    /// <summary>The boundary that has come last: the start of <paramref name="now"/>'s month.</summary>
    public static string CurrentBoundary(DateTime now) => Period.Of(now);

    /// <summary>The boundary still to come: the start of the next month.</summary>
    public static string NextBoundary(DateTime now) => Period.Of(Start(Period.Of(now)).AddMonths(1));

    /// <summary>The first instant (UTC) of a boundary written yyyy-MM.</summary>
    public static DateTime Start(string boundary) =>
        DateTime.SpecifyKind(DateTime.ParseExact(boundary, "yyyy-MM", CultureInfo.InvariantCulture), DateTimeKind.Utc);

    /// <summary>
    /// The newest month whose points expire at <paramref name="boundary"/>: for N months after
    /// earning, a month's points expire N months after its end, so at boundary B the months up to
    /// B − 1 − N; at a year's end, every month before the boundary's year (so a December sheet
    /// posted in January is still caught, at the next month start).
    /// </summary>
    public static string CutPeriod(ExpiryRuleKind rule, int months, string boundary)
    {
        var start = Start(boundary);
        return rule switch
        {
            ExpiryRuleKind.MonthsAfterEarning => Period.Of(start.AddMonths(-1 - months)),
            ExpiryRuleKind.YearEnd => $"{(start.Year - 1).ToString("0000", CultureInfo.InvariantCulture)}-12",
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "A village without expiry has no cut period."),
        };
    }

    /// <summary>Points of a household due to expire: what it can spend beyond its still-valid credits.</summary>
    public static long Due(long available, long newerCredits) => Math.Max(0, available - newerCredits);

    /// <summary>Whether the policy applies at this boundary: only boundaries after it was set.</summary>
    public static bool Applies(VillageExpiryPolicy policy, string boundary) =>
        policy.Rule != ExpiryRuleKind.None && Start(boundary) > policy.SetAt;

    /// <summary>Whether the notice of <paramref name="boundary"/> is due at <paramref name="now"/>.</summary>
    public static bool NoticeDue(VillageExpiryPolicy policy, string boundary, DateTime now) =>
        Applies(policy, boundary) && now >= Start(boundary).AddDays(-policy.NoticeDays) && now < Start(boundary);

    /// <summary>
    /// Whether an entry is a credit, one of a batch: an award, a transfer in (it starts a batch in
    /// its own month), or a reversal of an award (negative, in the award's month, so it takes the
    /// award out of its batch). Everything else consumes: deductions, spends, transfers out,
    /// expiry; refunds and reversals of deductions give back what was consumed.
    /// </summary>
    public static bool IsCredit(EntryKind kind, long points) =>
        kind is EntryKind.Award or EntryKind.TransferIn || (kind == EntryKind.Reversal && points < 0);
}
