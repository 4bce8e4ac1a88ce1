namespace Platform.Redemption.GiftRuns;

/// <summary>
/// One eligible household's share of a gift run. The key (run, village, household) allows one
/// share per household, and a share is marked received by one conditional update (only while
/// not received), so no household is given its share twice, whatever runs at the same moment.
/// </summary>
internal sealed class GiftShare
{
    public long RunId { get; set; }

    public required string VillageCode { get; set; }

    public required string HouseholdNumber { get; set; }

    /// <summary>The head's name when the run was created, as printed on the signing list.</summary>
    public required string HeadName { get; set; }

    public long Quantity { get; set; }

    public DateTime? ReceivedAt { get; set; }

    /// <summary>Who came for the share, or the cadre who delivered it.</summary>
    public string? CollectedBy { get; set; }

    public string? HandedOutBy { get; set; }

    /// <summary>The idempotency key of the hand-out that gave this share.</summary>
    public string? HandOutKey { get; set; }

    /// <summary>
    /// The request id of this share's stock movements: one per share, so the lots a household's
    /// share came from can be found (a donor's "households reached").
    /// </summary>
    public required string StockRequestId { get; set; }

    public static string StockRequestIdOf(long runId, string village, string household) =>
        FormattableString.Invariant($"gift-{runId}-{village}-{household}");
}
