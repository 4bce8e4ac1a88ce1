namespace Platform.Scoring.Ledger;

/// <summary>Points reserved for a pending redemption; captured, released or expired.</summary>
internal sealed class Hold
{
    /// <summary>The counter's order id.</summary>
    public required string Id { get; set; }

    public long HouseholdId { get; set; }

    public required string VillageCode { get; set; }

    /// <summary>
    /// The <see cref="Platform.ServiceDefaults.Idempotency.RequestFingerprint"/> of the request that
    /// made the hold: the hold id is the caller's key, so a retry is told apart from a reuse by it.
    /// </summary>
    public required byte[] RequestHash { get; set; }

    public long Points { get; set; }

    public HoldStatus Status { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? EndedAt { get; set; }

    public long? EntryId { get; set; }

    /// <summary>Points given back for returned goods; never more than <see cref="Points"/>.</summary>
    public long Refunded { get; set; }

    public required string Actor { get; set; }
}
