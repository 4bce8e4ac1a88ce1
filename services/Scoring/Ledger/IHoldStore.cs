namespace Platform.Scoring.Ledger;

/// <summary>
/// Where holds and spends are kept: one implementation per database provider, chosen once in
/// ScoringModule (PostgreSQL: <see cref="PostgresHoldStore"/>, one statement per hot call;
/// SQLite in embedded mode: <see cref="EfHoldStore"/>). The hold row is the idempotency record
/// of every call here: its id is the counter's order id. Both answer the same and refuse with
/// the same <see cref="HoldRefusals"/>; one test suite runs against both.
/// </summary>
internal interface IHoldStore
{
    /// <summary>Reserves points if the available balance covers them; a known id answers as a replay or is refused as reused.</summary>
    Task<HoldView> HoldAsync(string holdId, byte[] requestHash, string villageCode, string number, long points, TimeSpan ttl, string actor,
        CancellationToken cancellationToken);

    /// <summary>Spends held points. Idempotent: capturing a captured hold returns it.</summary>
    Task<HoldView> CaptureAsync(string holdId, string actor, CancellationToken cancellationToken);

    /// <summary>Gives held points back. Idempotent; a captured hold cannot be released.</summary>
    Task<HoldView> ReleaseAsync(string holdId, CancellationToken cancellationToken);

    /// <summary>
    /// Debits points at once under the spend id, with the HoldCaptured entry and event, if the
    /// available balance covers them. A known id answers the first spend, or is refused as
    /// reused or cancelled.
    /// </summary>
    Task<HoldView> SpendAsync(string spendId, byte[] requestHash, string villageCode, string number, long points, string actor,
        CancellationToken cancellationToken);

    /// <summary>
    /// Makes sure the spend id costs nothing: fences an id never used, releases an active hold,
    /// refunds what is left of a spend (<see cref="HoldView.RefundEntryId"/>). Idempotent.
    /// </summary>
    Task<HoldView> CancelSpendAsync(string spendId, byte[] requestHash, string villageCode, string number, string actor, string reason,
        CancellationToken cancellationToken);

    Task<HoldView> GetAsync(string holdId, CancellationToken cancellationToken);
}
