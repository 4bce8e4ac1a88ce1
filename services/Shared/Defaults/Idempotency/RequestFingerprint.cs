using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;

namespace Platform.ServiceDefaults.Idempotency;

/// <summary>
/// What an idempotency key is stored with: SHA-256 of the operation's name and the request's
/// protobuf bytes, so a key sent again with another request (or to another operation) is told
/// apart from a retry. Every keyed write computes it here and compares it with <see cref="Matches"/>.
/// </summary>
public static class RequestFingerprint
{
    public const int Length = 32;

    public static byte[] Of(string operation, IMessage request)
    {
        var nameLength = Encoding.UTF8.GetByteCount(operation);
        var total = nameLength + 1 + request.CalculateSize();
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var written = Encoding.UTF8.GetBytes(operation, buffer);
            // The zero byte keeps an operation's name from running into its request's bytes.
            buffer[written] = 0;
            request.WriteTo(buffer.AsSpan(written + 1, total - written - 1));
            return SHA256.HashData(buffer.AsSpan(0, total));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static bool Matches(ReadOnlySpan<byte> stored, ReadOnlySpan<byte> fingerprint) => stored.SequenceEqual(fingerprint);
}
