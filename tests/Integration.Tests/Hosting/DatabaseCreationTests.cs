using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;
using ScoringProgram = Platform.Scoring.Program;

namespace Platform.Integration.Tests.Hosting;

/// <summary>A service started on PostgreSQL with a database that does not exist yet, as on a new deployment.</summary>
public sealed class DatabaseCreationTests
{
    [Fact]
    public async Task A_first_start_creates_the_database_and_logs_no_error()
    {
        var database = $"it_fresh_{Guid.NewGuid():N}"[..30];
        var log = new CapturedLog();
        try
        {
            await using (var app = await DistributedServices.StartAsync(
                args => ScoringProgram.Build(args, services => services.AddSingleton<ILoggerProvider>(log)), "scoring", database,
                settings: new Dictionary<string, string?>
                {
                    ["Platform:BackgroundJobs"] = "false",
                    // The platform's own Information lines (the test host runs at Warning otherwise).
                    ["Logging:LogLevel:Platform"] = "Information",
                }))
            {
                Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await app.HealthAsync());
                await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
                await connection.OpenAsync();
                await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_name = 'ledger_entries'", connection);
                Assert.Equal(1L, (long)(await tables.ExecuteScalarAsync())!);
            }

            Assert.Contains(log.Entries, e => e.Message.Contains($"Created database {database}", StringComparison.Ordinal));
            Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error);
        }
        finally
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}
