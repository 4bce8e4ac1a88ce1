using System.Text;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Payouts;

/// <summary>
/// The encodings bank files travel in: UTF-8 (written with a byte-order mark, which Excel needs to
/// show Chinese) and GB18030, the national standard many bank systems still read, which .NET
/// provides through System.Text.Encoding.CodePages once its provider is registered.
/// </summary>
internal static class FileEncodings
{
    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding?> Gb = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            return Encoding.GetEncoding("GB18030");
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    public static Encoding Gb18030 => Gb.Value ?? throw DomainException.Precondition("ENCODING_UNAVAILABLE",
        "This server's runtime has no GB18030 encoding; export the file in UTF-8 (with a byte-order mark) instead.");

    /// <summary>Text of a file in UTF-8 (with or without its mark) or, failing that, GB18030.</summary>
    public static string Read(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith(Utf8WithBom.Preamble))
        {
            span = span[Utf8WithBom.Preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(span);
        }
    }
}
