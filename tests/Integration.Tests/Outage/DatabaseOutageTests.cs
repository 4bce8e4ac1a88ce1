using Grpc.Core;
using Npgsql;
using Platform.Contracts.Scoring.V1;
using Platform.Integration.Tests.Hosting;
using Platform.Testing;
using Xunit;
using ScoringProgram = Platform.Scoring.Program;

namespace Platform.Integration.Tests.Outage;

/// <summary>
/// A database outage is not a bug of the service: calls answer Unavailable DATABASE_UNAVAILABLE
/// (send the same request again), and only a real fault answers Internal.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task A_call_while_the_database_cannot_be_reached_answers_unavailable_and_the_same_request_succeeds_once_it_is_back()
    {
        var database = await Servers.CreateDatabaseAsync("outage");
        var target = new NpgsqlConnectionStringBuilder(Servers.Postgres);
        await using var line = new TcpSwitch(target.Host!, target.Port);
        var throughSwitch = new NpgsqlConnectionStringBuilder(Servers.Postgres) { Host = "127.0.0.1", Port = line.Port, Timeout = 3 }.ConnectionString;
        try
        {
            await using var app = await DistributedServices.StartAsync(args => ScoringProgram.Build(args), "scoring", database,
                settings: new Dictionary<string, string?> { ["Platform:Postgres"] = throughSwitch, ["Platform:BackgroundJobs"] = "false" });
            var villages = new Villages.VillagesClient(app.Channel);
            var (first, second) = ($"OUT1-{Guid.NewGuid():N}"[..16], $"OUT2-{Guid.NewGuid():N}"[..16]);
            await villages.RegisterVillageAsync(Village(first, "outage-1"));

            line.Cut();
            var write = await RpcAssert.RefusedAsync(StatusCode.Unavailable, "DATABASE_UNAVAILABLE",
                async () => await villages.RegisterVillageAsync(Village(second, "outage-2")));
            await RpcAssert.RefusedAsync(StatusCode.Unavailable, "DATABASE_UNAVAILABLE",
                async () => await villages.ListVillagesAsync(new ListVillagesRequest()));
            Assert.Contains("same request again", write.Status.Detail, StringComparison.Ordinal);

            line.Restore();
            await Poller.UntilAsync(async () =>
            {
                try
                {
                    await villages.RegisterVillageAsync(Village(second, "outage-2"));
                    return true;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
                {
                    return false;
                }
            }, "the same request to succeed once the database is back");
            Assert.Contains((await villages.ListVillagesAsync(new ListVillagesRequest())).Villages, v => v.Code == second);
        }
        finally
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task Connections_terminated_under_load_answer_unavailable_never_internal()
    {
        var database = await Servers.CreateDatabaseAsync("outage");
        try
        {
            await using var app = await DistributedServices.StartAsync(args => ScoringProgram.Build(args), "scoring", database,
                settings: new Dictionary<string, string?> { ["Platform:BackgroundJobs"] = "false" });
            var villages = new Villages.VillagesClient(app.Channel);
            var outcomes = new System.Collections.Concurrent.ConcurrentBag<(StatusCode Code, string Reason)>();
            using var stop = new CancellationTokenSource();

            async Task CallAsync(int caller)
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        await villages.RegisterVillageAsync(Village($"T{caller}-{i}-{Guid.NewGuid():N}"[..20], $"terminated-{caller}-{i}"));
                        await villages.ListVillagesAsync(new ListVillagesRequest());
                        outcomes.Add((StatusCode.OK, ""));
                    }
                    catch (RpcException ex)
                    {
                        outcomes.Add((ex.StatusCode, ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? ""));
                    }
                }
            }

            var callers = Enumerable.Range(0, 4).Select(CallAsync).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(4);
            while (DateTime.UtcNow < deadline || !outcomes.Any(o => o.Code == StatusCode.Unavailable))
            {
                Assert.True(DateTime.UtcNow < deadline.AddSeconds(20), "No call met a terminated connection.");
                await TerminateBackendsAsync(database);
                await Task.Delay(100);
            }

            await stop.CancelAsync();
            await Task.WhenAll(callers);

            Assert.DoesNotContain(outcomes, o => o.Code is StatusCode.Internal or StatusCode.Unknown);
            Assert.All(outcomes.Where(o => o.Code == StatusCode.Unavailable), o => Assert.Equal("DATABASE_UNAVAILABLE", o.Reason));
            Assert.Contains(outcomes, o => o.Code == StatusCode.OK);
        }
        finally
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_real_fault_at_the_database_still_answers_internal()
    {
        var database = await Servers.CreateDatabaseAsync("outage");
        try
        {
            await using var app = await DistributedServices.StartAsync(args => ScoringProgram.Build(args), "scoring", database,
                settings: new Dictionary<string, string?> { ["Platform:BackgroundJobs"] = "false" });
            await ExecuteAsync(database, "ALTER TABLE villages RENAME TO villages_gone");

            await RpcAssert.RefusedAsync(StatusCode.Internal, "INTERNAL",
                async () => await new Villages.VillagesClient(app.Channel).ListVillagesAsync(new ListVillagesRequest()));
        }
        finally
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    private static RegisterVillageRequest Village(string code, string key) => new()
    {
        IdempotencyKey = key,
        Code = code,
        Name = "Outage",
        Township = "Hexi Township",
        County = "Anle County",
    };

    private static Task TerminateBackendsAsync(string database) => ExecuteAsync("postgres",
        $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' AND pid <> pg_backend_pid()");

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
