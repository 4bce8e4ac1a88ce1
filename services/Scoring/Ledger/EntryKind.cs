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
}
