using Microsoft.Data.Sqlite;

namespace Platform.Host.Backup;

/// <summary>
/// The SQLite files of a data folder. They run in WAL mode, so a plain copy of a live file can
/// miss what is still in its -wal file or catch a page half written; they are copied with
/// SQLite's online backup API instead, which reads one consistent snapshot while the host writes.
/// </summary>
internal static class SqliteFiles
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    /// <summary>The side files SQLite keeps beside a database while it is open; never backed up.</summary>
    public static bool IsSideFile(string path) =>
        path.EndsWith("-wal", StringComparison.Ordinal) || path.EndsWith("-shm", StringComparison.Ordinal)
        || path.EndsWith("-journal", StringComparison.Ordinal);

    public static bool IsDatabase(string path)
    {
        var start = new byte[Header.Length];
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.AsSpan().SequenceEqual(Header);
    }

    /// <summary>Copies the live database <paramref name="source"/> into the new file <paramref name="copy"/>, consistently.</summary>
    public static void CopyOnline(string source, string copy)
    {
        using var from = new SqliteConnection(ConnectionString(source, SqliteOpenMode.ReadWrite));
        using var to = new SqliteConnection(ConnectionString(copy, SqliteOpenMode.ReadWriteCreate));
        from.Open();
        to.Open();
        // Should the running host hold the file at the moment the copy starts, wait in SQLite's
        // own short sleeps rather than Microsoft.Data.Sqlite's 150 ms retry.
        using (var patience = from.CreateCommand())
        {
            patience.CommandText = "PRAGMA busy_timeout = 5000;";
            patience.ExecuteNonQuery();
        }

        from.BackupDatabase(to);
        // A copy keeps its content in one file (the host switches it back to WAL when it opens it).
        using var rollback = to.CreateCommand();
        rollback.CommandText = "PRAGMA journal_mode=DELETE;";
        rollback.ExecuteNonQuery();
    }

    /// <summary>SQLite's own check of the file's structure: null when it is sound, else what it found.</summary>
    public static string? IntegrityProblem(string path)
    {
        using var connection = new SqliteConnection(ConnectionString(path, SqliteOpenMode.ReadWrite));
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var findings = new List<string>();
        using var reader = check.ExecuteReader();
        while (reader.Read())
        {
            findings.Add(reader.GetString(0));
        }

        return findings is ["ok"] ? null : string.Join("; ", findings.Take(5));
    }

    // No pooling: the file is closed when the connection is, so it can be moved or archived next.
    private static string ConnectionString(string path, SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = mode, Pooling = false, DefaultTimeout = 30,
    }.ToString();
}
