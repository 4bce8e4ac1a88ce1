using System.Globalization;

namespace Platform.Redemption.Goods;

/// <summary>
/// Supermarket days and periods are China Standard Time (UTC+8, no daylight saving), so a
/// redemption at 07:00 on the 1st counts in the new month, as the clerk expects.
/// </summary>
internal static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime Local(DateTime utc) => utc + Offset;

    public static string Period(LimitPeriod period, DateTime utc) => period == LimitPeriod.Year
        ? Local(utc).ToString("yyyy", CultureInfo.InvariantCulture)
        : Local(utc).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The UTC instant a China day starts.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - Offset;

    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(Local(utc));
}
