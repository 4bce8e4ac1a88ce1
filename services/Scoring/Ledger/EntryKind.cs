namespace Platform.Scoring.Ledger;

internal enum EntryKind
{
    Award = 1,
    Deduction = 2,
    Reversal = 3,
    HoldCaptured = 4,
    TransferOut = 5,
    TransferIn = 6,
    Refund = 7,

    /// <summary>Points whose validity ended (decision 0014): negative, no rule, never on a leaderboard.</summary>
    Expiry = 8,
}
