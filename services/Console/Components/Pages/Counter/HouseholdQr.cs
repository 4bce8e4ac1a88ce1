using QRCoder;

namespace Platform.WebConsole.Components.Pages.Counter;

/// <summary>The QR code printed on a household's card: its number, what the counter's search field accepts.</summary>
internal static class HouseholdQr
{
    public static string Svg(string householdNumber)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(householdNumber, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }
}
