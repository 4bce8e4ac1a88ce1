using System.Globalization;
using Platform.ServiceDefaults.Errors;

namespace Platform.Redemption.GiftRuns;

/// <summary>The refusals of gift runs, worded once.</summary>
internal static class GiftRunErrors
{
    public static DomainException RunNotFound(string supermarket, long runId) => DomainException.NotFound("GIFT_RUN_NOT_FOUND",
        $"Supermarket {supermarket} has no gift run {runId}.", ("run_id", Text(runId)));

    public static DomainException RunEnded(GiftRun run) => DomainException.Precondition("GIFT_RUN_ENDED",
        $"Gift run {run.Id} ({run.Title}) was {(run.Status == GiftRunStatus.Cancelled ? "cancelled" : "closed")} on {Day(run.ClosedAt)} by {run.ClosedBy}; its remaining shares are no longer given.",
        ("run_id", Text(run.Id)), ("title", run.Title));

    public static DomainException NotEligible(GiftRun run, string village, string household) => DomainException.Precondition("GIFT_HOUSEHOLD_NOT_ELIGIBLE",
        $"Household {household} of village {village} is not on the list of gift run {run.Id} ({run.Title}): the list was fixed when the run was created, with {GiftEligibility.Describe(run.Rule, run.ChildAgeUnder)} on {run.OnDay:yyyy-MM-dd}.",
        ("household_number", household), ("title", run.Title));

    public static DomainException AlreadyReceived(GiftRun run, GiftShare share) => DomainException.Precondition("GIFT_ALREADY_RECEIVED",
        $"Household {share.HouseholdNumber} of village {share.VillageCode} already received its share of {run.Title} on {Day(share.ReceivedAt)}"
        + $" from {share.HandedOutBy}{(string.IsNullOrEmpty(share.CollectedBy) ? string.Empty : $" (collected by {share.CollectedBy})")}; a household is given its share once.",
        ("household_number", share.HouseholdNumber), ("received_at", Day(share.ReceivedAt)), ("handed_out_by", share.HandedOutBy ?? string.Empty));

    public static DomainException Merged(string village, string household, string? into) => DomainException.Precondition("GIFT_HOUSEHOLD_MERGED",
        $"Household {household} of village {village} was merged into household {into}; its members receive with that household.",
        ("household_number", household), ("merged_into", into ?? string.Empty));

    public static DomainException StockShort(GiftRun run, long needed, long available) => DomainException.Precondition("GIFT_STOCK_SHORT",
        $"{run.ItemName} ({run.Sku}): {needed} are needed for the shares asked for and {available} can be handed out; receive more, or hand out fewer (one village, or at the counter).",
        ("sku", run.Sku), ("needed", Text(needed)), ("available", Text(available)));

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateTime? utc) => utc is { } at
        ? Goods.ChinaTime.Local(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : string.Empty;
}
