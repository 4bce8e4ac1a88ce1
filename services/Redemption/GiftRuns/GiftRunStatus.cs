namespace Platform.Redemption.GiftRuns;

internal enum GiftRunStatus
{
    Open = 1,
    Closed = 2,
    Cancelled = 3,
}
