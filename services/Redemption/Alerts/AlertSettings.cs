namespace Platform.Redemption.Alerts;

/// <summary>A supermarket's choice of how many days ahead a lot is near expiry in its alerts (no row: 7).</summary>
internal sealed class AlertSettings
{
    public required string SupermarketCode { get; set; }

    public int NearExpiryDays { get; set; }

    public required string SetBy { get; set; }

    public DateTime SetAt { get; set; }
}
