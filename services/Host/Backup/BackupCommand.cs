using System.CommandLine;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Host.Backup;

/// <summary>
/// `backup --to FILE.tar.gz|DIR`: writes the data folder into one archive while the host may be
/// serving from it: each SQLite database through the online backup API, the key files as they
/// are, and a manifest with every file's size and SHA-256 first. It never overwrites a file.
/// </summary>
internal static class BackupCommand
{
    public const string Name = "backup";

    private static readonly Option<string> To = new("--to")
    {
        Description = "The archive to write (FILE.tar.gz, which must not exist), or a folder to write "
            + "love-points-backup-YYYYMMDD-HHMMSS.tar.gz into",
        Required = true,
    };

    public static Command Create()
    {
        var command = new Command(Name,
            "Backs up the embedded host's data folder (its SQLite databases, signing key and console keys) into one tar.gz archive, "
            + "also while the host is running. Settings may follow as --Section:Key=Value (for example --Platform:DataFolder=DIR).")
        {
            To,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(result =>
        {
            var error = result.InvocationConfiguration.Error;
            try
            {
                var folder = HostDataFolder.From(CommandSettings.From(result));
                return Run(folder, result.GetValue(To)!, result.InvocationConfiguration.Output, error);
            }
            catch (ArgumentException ex)
            {
                error.WriteLine(ex.Message);
                return 2;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                error.WriteLine($"The backup failed, and no archive was written: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    public static int Run(string folder, string to, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFileSystemEntries(folder).Any())
        {
            error.WriteLine($"There is nothing to back up: the data folder {folder} is missing or empty. Name it with --Platform:DataFolder=DIR.");
            return 1;
        }

        var takenAt = DateTimeOffset.UtcNow;
        var archive = Path.GetFullPath(Directory.Exists(to)
            ? Path.Combine(to, $"love-points-backup-{takenAt.ToLocalTime():yyyyMMdd-HHmmss}.tar.gz")
            : to);
        if (File.Exists(archive))
        {
            error.WriteLine($"{archive} exists already, and a backup never overwrites a file. Name a new file or a folder.");
            return 1;
        }

        if (archive.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            error.WriteLine($"Write the archive outside the data folder {folder}, so it is not backed up into itself.");
            return 1;
        }

        var started = Stopwatch.StartNew();
        var staging = Directory.CreateTempSubdirectory("love-points-backup-");
        try
        {
            var files = new List<(BackupFile File, UnixFileMode Mode)>();
            foreach (var path in HostDataFolder.FilesIn(folder))
            {
                var source = Path.Combine(folder, path);
                var copy = Path.Combine(staging.FullName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                if (SqliteFiles.IsDatabase(source))
                {
                    SqliteFiles.CopyOnline(source, copy);
                }
                else
                {
                    File.Copy(source, copy);
                }

                var mode = HostDataFolder.IsSecret(path) ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                    : OperatingSystem.IsWindows() ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead
                    : File.GetUnixFileMode(source);
                files.Add((new BackupFile(path, new FileInfo(copy).Length, BackupManifest.Sha256Of(copy)), mode));
            }

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, takenAt, HostVersion(), folder, [.. files.Select(f => f.File)]);
            Write(archive, manifest, staging.FullName, files);
            Report(output, folder, archive, manifest, started.Elapsed);
            return 0;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    public static string HostVersion() =>
        typeof(BackupCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BackupCommand).Assembly.GetName().Version?.ToString() ?? "unknown";

    // Written beside the target under another name and moved into place when complete, so a
    // backup cut short (a USB disk pulled) never leaves a file that looks like a whole archive.
    private static void Write(string archive, BackupManifest manifest, string staging, List<(BackupFile File, UnixFileMode Mode)> files)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        var partial = archive + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            // The archive holds the signing key: readable by its owner only, as the key is.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(partial, options))
            using (var gzip = new GZipStream(file, CompressionLevel.Optimal))
            using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName)
                {
                    DataStream = new MemoryStream(manifest.ToJson()),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = manifest.TakenAt,
                });
                foreach (var (entry, mode) in files)
                {
                    using var data = File.OpenRead(Path.Combine(staging, entry.Path));
                    tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.DataPrefix + entry.Path)
                    {
                        DataStream = data, Mode = mode, ModificationTime = manifest.TakenAt,
                    });
                }
            }

            File.Move(partial, archive, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static void Report(TextWriter output, string folder, string archive, BackupManifest manifest, TimeSpan took)
    {
        output.WriteLine($"Backed up {folder} to {archive} ({HostDataFolder.Size(new FileInfo(archive).Length)}) in {took.TotalSeconds:0.0} s:");
        foreach (var file in manifest.Files)
        {
            output.WriteLine($"  {file.Path,-48} {HostDataFolder.Size(file.Size),10}  sha256 {file.Sha256[..16]}…");
        }

        output.WriteLine($"Restore it into an empty folder with: restore --from {archive} --Platform:DataFolder=DIR");
    }
}
