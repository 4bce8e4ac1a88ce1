namespace Platform.Scoring.Expiry;

/// <summary>How a village's points expire; the numbers are the API's.</summary>
internal enum ExpiryRuleKind
{
    None = 1,
    MonthsAfterEarning = 2,
    YearEnd = 3,
}
