using Npgsql;

namespace Platform.Integration.Tests;

/// <summary>
/// The real servers the integration tests use, from the variables scripts/infra.sh writes
/// (read from the environment, else from .local/infra.env of this checkout). A server that
/// is not configured or not reachable fails the test with a message saying which.
/// </summary>
internal static class Servers
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> InfraEnv = new(ReadInfraEnv);

    public static string Postgres => Require("PLATFORM_POSTGRES", "PostgreSQL");

    public static string RabbitMq => Require("PLATFORM_RABBITMQ", "RabbitMQ");

    public static string Redis => Require("PLATFORM_REDIS", "Redis");

    /// <summary>Creates an empty database of the test's own and returns its name.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"it_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var connection = await OpenAsync("postgres");
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAsync("postgres");
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var connection = new NpgsqlConnection(ConnectionString(database));
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            var builder = new NpgsqlConnectionStringBuilder(Postgres);
            throw new InvalidOperationException(
                $"PostgreSQL at {builder.Host}:{builder.Port} cannot be reached ({ex.Message}). " +
                "Start it with scripts/infra.sh up, or run everything with scripts/test.sh.", ex);
        }
    }

    private static string Require(string variable, string server)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            InfraEnv.Value.TryGetValue(variable, out value);
        }

        return string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException(
                $"{server} is not configured: {variable} is not set and .local/infra.env does not name it. " +
                "Run scripts/test.sh, or scripts/infra.sh up and then source .local/infra.env.")
            : value;
    }

    // export NAME='value' lines, as scripts/infra.sh writes them.
    private static IReadOnlyDictionary<string, string> ReadInfraEnv()
    {
        var values = new Dictionary<string, string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".local", "infra.env");
            if (!File.Exists(file))
            {
                continue;
            }

            foreach (var line in File.ReadAllLines(file))
            {
                var text = line.Trim();
                if (!text.StartsWith("export ", StringComparison.Ordinal) || !text.Contains('='))
                {
                    continue;
                }

                var (name, value) = (text[7..text.IndexOf('=')], text[(text.IndexOf('=') + 1)..]);
                values[name.Trim()] = value.Trim().Trim('\'', '"');
            }

            break;
        }

        return values;
    }
}
