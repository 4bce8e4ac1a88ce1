using System.CommandLine;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Platform.Scoring.Journal;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Host.Backup;

/// <summary>
/// `restore --from FILE.tar.gz`: unpacks a backup into an empty data folder. Everything is checked
/// before the folder is filled: each file against the manifest's size and SHA-256, each database
/// with SQLite's integrity check, and the points journal by the same verification as
/// `verify-journal --all`. A restore that fails leaves the target folder as it found it.
/// </summary>
internal static class RestoreCommand
{
    public const string Name = "restore";

    private static readonly Option<string> From = new("--from") { Description = "The backup archive (FILE.tar.gz) to restore", Required = true };

    public static Command Create()
    {
        var command = new Command(Name,
            "Restores a backup archive into an empty data folder (--Platform:DataFolder=DIR), checking every file's SHA-256, "
            + "each database's integrity and the points journal first; a folder that is not empty is refused.")
        {
            From,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            var error = result.InvocationConfiguration.Error;
            try
            {
                var settings = CommandSettings.From(result);
                return await RunAsync(result.GetValue(From)!, HostDataFolder.From(settings), settings,
                    result.InvocationConfiguration.Output, error, ct);
            }
            catch (ArgumentException ex)
            {
                await error.WriteLineAsync(ex.Message);
                return 2;
            }
        });
        return command;
    }

    public static async Task<int> RunAsync(string from, string folder, string[] settings, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var archive = Path.GetFullPath(from);
        if (!File.Exists(archive))
        {
            await error.WriteLineAsync($"There is no archive {archive}.");
            return 1;
        }

        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            await error.WriteLineAsync($"The data folder {folder} is not empty, and a restore fills only an empty folder. "
                + "Restore into a new folder (--Platform:DataFolder=DIR), or move this one aside first.");
            return 1;
        }

        var started = Stopwatch.StartNew();
        // Unpacked and checked beside the target, then moved into place in one step.
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(folder))!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}.restoring-{Guid.NewGuid():N}");
        try
        {
            BackupManifest manifest;
            try
            {
                manifest = await UnpackAsync(archive, staging, ct);
            }
            catch (InvalidDataException ex)
            {
                await error.WriteLineAsync($"The archive {archive} is refused: {ex.Message}. Nothing was restored.");
                return 1;
            }

            await output.WriteLineAsync($"{archive}: taken {manifest.TakenAt.ToLocalTime():yyyy-MM-dd HH:mm:ss} from {manifest.DataFolder} "
                + $"by host {manifest.HostVersion}; {manifest.Files.Count} files, each matching its SHA-256.");
            foreach (var database in manifest.Files.Where(f => SqliteFiles.IsDatabase(Path.Combine(staging, f.Path))))
            {
                var problem = SqliteFiles.IntegrityProblem(Path.Combine(staging, database.Path));
                if (problem is not null)
                {
                    await error.WriteLineAsync($"The database {database.Path} in {archive} fails SQLite's integrity check: {problem}. Nothing was restored.");
                    return 1;
                }

                await output.WriteLineAsync($"  {database.Path}: integrity ok");
            }

            await output.WriteLineAsync("Journal:");
            var journal = await VerifyJournalAsync(settings, staging, output);
            if (journal != 0)
            {
                await error.WriteLineAsync($"The points journal in {archive} does not hold (above). Nothing was restored.");
                return 1;
            }

            if (Directory.Exists(folder))
            {
                Directory.Delete(folder);
            }

            Directory.Move(staging, folder);
            await output.WriteLineAsync($"Restored into {folder} in {started.Elapsed.TotalSeconds:0.0} s. Start the host on it:");
            await output.WriteLineAsync($"  dotnet run --project services/Host -- --Platform:DataFolder={folder}");
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SqliteException)
        {
            await error.WriteLineAsync($"The restore failed, and nothing was restored: {ex.Message}");
            return 1;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <exception cref="InvalidDataException">The archive is damaged, altered or not a backup; the message names the file.</exception>
    private static async Task<BackupManifest> UnpackAsync(string archive, string staging, CancellationToken ct)
    {
        await using var file = File.OpenRead(archive);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        try
        {
            var first = await tar.GetNextEntryAsync(copyData: false, ct);
            if (first is not { EntryType: TarEntryType.RegularFile or TarEntryType.V7RegularFile, Name: BackupManifest.EntryName, DataStream: not null })
            {
                throw new InvalidDataException($"it does not begin with {BackupManifest.EntryName}, so it is not a backup of this platform");
            }

            var manifest = BackupManifest.Parse(first.DataStream);
            var expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            var found = new HashSet<string>(StringComparer.Ordinal);
            Directory.CreateDirectory(staging);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                var path = DataPath(entry);
                if (!expected.TryGetValue(path, out var listed) || !found.Add(path))
                {
                    throw new InvalidDataException($"it holds {path}, which its manifest does not list (or lists once)");
                }

                var (size, sha256) = await WriteAsync(entry, Path.Combine(staging, path), HostDataFolder.IsSecret(path), ct);
                if (size != listed.Size || sha256 != listed.Sha256)
                {
                    throw new InvalidDataException($"its file {path} does not match the manifest ({size} bytes, SHA-256 {sha256[..16]}…; "
                        + $"the manifest says {listed.Size} bytes, {listed.Sha256[..16]}…): the archive is damaged or was changed");
                }
            }

            var missing = expected.Keys.Except(found).ToList();
            return missing.Count == 0 ? manifest
                : throw new InvalidDataException($"its manifest lists {string.Join(", ", missing)}, which it does not hold");
        }
        catch (Exception ex) when (ex is FormatException or IOException)
        {
            throw new InvalidDataException($"it is not a readable tar.gz ({ex.Message})", ex);
        }
    }

    // Only plain files under data/, with no way out of the folder ("..", a rooted path).
    private static string DataPath(TarEntry entry)
    {
        var name = entry.Name;
        var path = name.StartsWith(BackupManifest.DataPrefix, StringComparison.Ordinal) ? name[BackupManifest.DataPrefix.Length..] : "";
        var parts = path.Split('/');
        return entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && path.Length > 0 && !path.Contains('\\')
            && !Path.IsPathRooted(path) && parts.All(p => p.Length > 0 && p != "." && p != "..")
            ? path
            : throw new InvalidDataException($"it holds an entry {name} that is not a file of a data folder");
    }

    private static async Task<(long Size, string Sha256)> WriteAsync(TarEntry entry, string path, bool secret, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // The signing key and the console's keys stay readable by their owner only.
            options.UnixCreateMode = secret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : entry.Mode & (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var target = new FileStream(path, options))
        {
            if (entry.DataStream is { } data)
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await data.ReadAsync(buffer, ct)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await target.WriteAsync(buffer.AsMemory(0, read), ct);
                    size += read;
                }
            }
        }

        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    // The journal command's own verification, run on the unpacked folder as a host with these settings would open it.
    private static async Task<int> VerifyJournalAsync(string[] settings, string staging, TextWriter output)
    {
        await using var app = Program.Build([.. settings, $"--Platform:DataFolder={staging}", "--Platform:BackgroundJobs=false",
            "--Logging:LogLevel:Default=Warning"]);
        var verdict = await JournalCommand.RunAsync(app.Services, ["--all"], new Indented(output));
        SqliteConnection.ClearAllPools();
        return verdict;
    }

    private sealed class Indented(TextWriter inner) : StringWriter
    {
        public override void WriteLine(string? value) => inner.WriteLine("  " + value);
    }
}
