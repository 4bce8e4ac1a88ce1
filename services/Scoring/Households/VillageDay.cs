namespace Platform.Scoring.Households;

/// <summary>
/// A village's day is China Standard Time (UTC+8): someone born on 18 March is 70 from the
/// morning of 18 March there, whatever the server's clock zone.
/// </summary>
internal static class VillageDay
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime + Offset);

    /// <summary>"Over 70" means turned 70: the 70th birthday has come (29 February counts on 28 February).</summary>
    public static bool Over70(DateOnly? oldestBornOn, DateOnly today) => oldestBornOn is { } born && born.AddYears(70) <= today;
}
