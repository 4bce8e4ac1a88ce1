using Platform.ServiceDefaults.Hosting;

namespace Platform.Host.Backup;

/// <summary>The embedded host's data folder as the host itself would find it from the same settings.</summary>
internal static class HostDataFolder
{
    /// <exception cref="ArgumentException">The settings are for distributed mode, which keeps no data folder.</exception>
    public static string From(string[] settings)
    {
        var configuration = HostConfiguration.From(settings);
        var platform = PlatformOptions.From(configuration);
        return platform.Mode == PlatformMode.Embedded ? platform.DataFolder
            : throw new ArgumentException("In distributed mode the data are in PostgreSQL; back them up with pg_dump. "
                + "This command backs up the embedded host's data folder.");
    }

    /// <summary>The folder's files to keep, with their paths relative to it ('/' separated), SQLite's side files left out.</summary>
    public static List<string> FilesIn(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Where(f => !SqliteFiles.IsSideFile(f))
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];

    /// <summary>Whether a file holds secrets (the signing key, the console's data-protection keys): owner-only, 0600.</summary>
    public static bool IsSecret(string relativePath) =>
        relativePath.StartsWith("auth/", StringComparison.Ordinal) || relativePath.StartsWith("console-keys/", StringComparison.Ordinal);

    public static string Size(long bytes) => bytes switch
    {
        < 10 * 1024 => $"{bytes} B",
        < 10 * 1024 * 1024 => $"{bytes / 1024.0:0.0} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.0} MB",
    };
}
