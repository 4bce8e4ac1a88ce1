namespace Platform.Scoring.Rules;

internal enum CapPeriod
{
    None = 0,
    Month = 1,
    Year = 2,
}
