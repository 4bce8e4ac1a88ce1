namespace Platform.Scoring.Rules;

public enum CapPeriod
{
    None = 0,
    Month = 1,
    Year = 2,
}
