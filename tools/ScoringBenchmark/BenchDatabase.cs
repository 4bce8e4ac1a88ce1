using Microsoft.AspNetCore.Builder;
using Npgsql;
using Platform.Testing;

namespace Platform.ScoringBenchmark;

/// <summary>A Scoring service in distributed mode on a new PostgreSQL database, dropped afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string admin;

    private BenchDatabase(string postgres, string name, RunningApp app)
    {
        admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString;
        Name = name;
        App = app;
        ConnectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = name, CommandTimeout = 600 }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public RunningApp App { get; }

    public static async Task<BenchDatabase> StartAsync(string postgres, Func<string[], WebApplication>? build = null)
    {
        var name = $"bench_scoring_{Guid.NewGuid():N}"[..30];
        var settings = new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Distributed",
            ["Platform:Postgres"] = postgres,
            ["Platform:RabbitMq"] = Environment.GetEnvironmentVariable("PLATFORM_RABBITMQ"),
            ["Platform:Redis"] = Environment.GetEnvironmentVariable("PLATFORM_REDIS"),
            ["Platform:Databases:scoring"] = name,
            ["Platform:BackgroundJobs"] = "false",
            // BENCH_GROUP_COMMIT=false measures the hot path without grouped commits.
            ["Platform:GroupCommit"] = Environment.GetEnvironmentVariable("BENCH_GROUP_COMMIT") ?? "true",
        };
        // BENCH_POSTING_PARALLELISM=1 posts the month-end in one transaction (unset: the service's default).
        if (Environment.GetEnvironmentVariable("BENCH_POSTING_PARALLELISM") is { Length: > 0 } parallelism)
        {
            settings["Scoring:PostingParallelism"] = parallelism;
        }

        var app = await RunningApp.StartAsync(build ?? (args => Scoring.Program.Build(args)), settings);
        return new BenchDatabase(postgres, name, app);
    }

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DATABASE") == "1")
        {
            // For looking at the plans afterwards (psql, EXPLAIN ANALYZE); drop it by hand.
            Console.WriteLine($"kept database {Name}");
            return;
        }

        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
