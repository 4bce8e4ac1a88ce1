namespace Platform.Scoring.Ledger;

/// <summary>
/// The running totals of one household's ledger. Every change is a conditional UPDATE in the
/// same transaction as the entry that explains it, so the totals always equal the entries.
/// </summary>
internal sealed class Account
{
    public long HouseholdId { get; set; }

    public required string VillageCode { get; set; }

    public long Balance { get; set; }

    public long Held { get; set; }

    /// <summary>Awards and reversals of deductions, as a positive sum.</summary>
    public long Awarded { get; set; }

    /// <summary>Deductions and reversals of awards, as a positive sum.</summary>
    public long Deducted { get; set; }

    /// <summary>Points spent at the supermarket (captured holds less refunds for returns), as a positive sum.</summary>
    public long Captured { get; set; }

    /// <summary>Points expired (decision 0014), as a positive sum: they left the balance, not the history.</summary>
    public long Expired { get; set; }
}
