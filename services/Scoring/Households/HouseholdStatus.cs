namespace Platform.Scoring.Households;

public enum HouseholdStatus
{
    Active = 1,
    Merged = 2,
}
