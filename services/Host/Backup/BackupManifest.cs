using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Host.Backup;

/// <summary>
/// What a backup archive holds, written as its first entry (manifest.json): when and by which
/// host version it was taken, and each file's path in the data folder, size and SHA-256, so a
/// restore can tell a damaged or altered archive from a good one before it unpacks anything.
/// </summary>
internal sealed record BackupManifest(int Format, DateTimeOffset TakenAt, string HostVersion, string DataFolder, IReadOnlyList<BackupFile> Files)
{
    public const int CurrentFormat = 1;

    /// <summary>The manifest's name in the archive; the data folder's files are under <see cref="DataPrefix"/>.</summary>
    public const string EntryName = "manifest.json";

    public const string DataPrefix = "data/";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <exception cref="InvalidDataException">The text is not a manifest of a format this host reads.</exception>
    public static BackupManifest Parse(Stream json)
    {
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"its manifest is not readable ({ex.Message})", ex);
        }

        if (manifest?.Files is null || manifest.Format != CurrentFormat)
        {
            throw new InvalidDataException($"its manifest is of format {manifest?.Format}, and this host reads format {CurrentFormat}");
        }

        return manifest;
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>One file of the data folder: its path there (with '/'), size in bytes and SHA-256 in hex.</summary>
internal sealed record BackupFile(string Path, long Size, string Sha256);
