namespace Platform.Scoring.Ledger;

/// <summary>A hold as a caller sees it: with its household's number and what is available after it.</summary>
internal sealed record HoldView(Hold Hold, string HouseholdNumber, long AvailableAfter);
