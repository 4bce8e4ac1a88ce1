namespace Platform.Scoring.Households;

internal enum HouseholdStatus
{
    Active = 1,
    Merged = 2,
}
