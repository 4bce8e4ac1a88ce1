namespace Platform.Scoring.Ledger;

/// <summary>
/// One line of a household's ledger. Never updated or deleted: a correction is a reversal entry
/// that names the entry it reverses.
/// </summary>
internal sealed class LedgerEntry
{
    public long Id { get; set; }

    public long HouseholdId { get; set; }

    public required string VillageCode { get; set; }

    public EntryKind Kind { get; set; }

    /// <summary>Signed: awards positive; deductions and spends negative.</summary>
    public long Points { get; set; }

    public string? RuleCode { get; set; }

    public int? RuleVersion { get; set; }

    public required string Actor { get; set; }

    public DateTime At { get; set; }

    public required string Reason { get; set; }

    /// <summary>The idempotency key of the request that wrote the entry.</summary>
    public required string RequestId { get; set; }

    /// <summary>yyyy-MM: the month the entry counts in (caps, leaderboards).</summary>
    public required string Period { get; set; }

    public long? ReversesEntryId { get; set; }

    public string? HoldId { get; set; }

    public long? ProposalId { get; set; }

    /// <summary>The entry's place in its village's hash chain; null until sealed.</summary>
    public long? ChainSeq { get; set; }

    /// <summary>Hex SHA-256 of the entry's contents and the previous entry's hash; null until sealed.</summary>
    public string? Hash { get; set; }
}
