namespace Platform.Scoring.Ledger;

/// <summary>
/// A hold as a caller sees it: with its household's number and what is available after it; for a
/// cancelled spend, the REFUND entry that gave its points back.
/// </summary>
internal sealed record HoldView(Hold Hold, string HouseholdNumber, long AvailableAfter, long RefundEntryId = 0);
