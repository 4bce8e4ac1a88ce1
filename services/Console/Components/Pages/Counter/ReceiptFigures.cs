using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.WebConsole.Components.Pages.Counter;

/// <summary>The figures a receipt prints that the service does not send as such. No I/O.</summary>
internal static class ReceiptFigures
{
    /// <summary>Points the household had before the order: what was left plus what was spent.</summary>
    public static long PointsBefore(RedemptionApi.Receipt receipt) => receipt.AvailableAfter + receipt.PointsSpent;

    /// <summary>Who redeemed, as printed: the signed-in clerk's display name when the receipt is theirs, else the actor as recorded.</summary>
    public static string Clerk(RedemptionApi.Receipt receipt, string? signedInSubject, string? signedInName) =>
        receipt.Actor == signedInSubject && !string.IsNullOrWhiteSpace(signedInName) ? signedInName : receipt.Actor;

    /// <summary>Units of a line that can still come back.</summary>
    public static int Returnable(RedemptionApi.ReceiptLine line) => Math.Max(0, line.Quantity - line.ReturnedQuantity);

    /// <summary>China's time (UTC+8, no daylight saving), as yyyy-MM-dd HH:mm.</summary>
    public static string ChinaTime(Timestamp? at) =>
        at is null ? string.Empty : at.ToDateTimeOffset().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>On screen a receipt is as wide as its paper (58, 80 or a4), so the clerk sees what will print.</summary>
    public static string ScreenWidth(string paper) => paper switch
    {
        "58" => "max-width: 58mm",
        "80" => "max-width: 80mm",
        _ => "max-width: 190mm",
    };

    /// <summary>Points as a whole number with no grouping, the same in every language.</summary>
    public static string Points(long points) => points.ToString(CultureInfo.InvariantCulture);
}
