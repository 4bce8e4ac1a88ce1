using System.Diagnostics;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.Testing;

namespace Platform.ScoringBenchmark;

/// <summary>
/// What this machine can do at best, with none of our code in the way: (1) empty gRPC calls
/// (grpc.health.v1 Check on a bare Kestrel with HTTP/2, no interceptors, no database) from the
/// same number of callers over one channel, as the holds benchmark makes them; (2) durable
/// commits of a one-row INSERT each, from the same number of connections, on the same
/// PostgreSQL. Each prints calls per second and CPU per call (this process, PostgreSQL), the
/// floor under any design that makes one gRPC call or one commit per operation.
/// </summary>
internal static class Floor
{
    public static async Task RunAsync(string postgres, int callers, int seconds)
    {
        await GrpcAsync(callers, seconds);
        await CommitsAsync(postgres, callers, seconds);
    }

    private static async Task GrpcAsync(int callers, int seconds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        await using var app = builder.Build();
        app.MapGrpcHealthChecksService();
        await app.StartAsync();
        var address = app.Urls.First();
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Health.HealthClient(channel);
        await MeasureAsync("empty gRPC calls (health Check, bare Kestrel, one channel)", callers, seconds,
            async () => await client.CheckAsync(new HealthCheckRequest()));
        await app.StopAsync();
    }

    private static async Task CommitsAsync(string postgres, int callers, int seconds)
    {
        var name = $"bench_floor_{Guid.NewGuid():N}"[..24];
        var admin = new NpgsqlConnectionStringBuilder(postgres) { Database = "postgres" }.ConnectionString;
        await using (var create = new NpgsqlConnection(admin))
        {
            await create.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {name}", create).ExecuteNonQueryAsync();
        }

        try
        {
            await using (var source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres) { Database = name, MaxPoolSize = callers + 4 }.ConnectionString))
            {
                await source.CreateCommand("CREATE TABLE floor_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, note text NOT NULL)").ExecuteNonQueryAsync();
                await MeasureAsync("durable commits (one-row INSERT each, own transaction)", callers, seconds, async () =>
                {
                    await using var command = source.CreateCommand("INSERT INTO floor_rows (at, note) VALUES (now(), $1)");
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "floor" });
                    await command.ExecuteNonQueryAsync();
                });
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var drop = new NpgsqlConnection(admin);
            await drop.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", drop).ExecuteNonQueryAsync();
        }
    }

    private static async Task MeasureAsync(string label, int callers, int seconds, Func<Task> call)
    {
        var warmup = TimeSpan.FromSeconds(2);
        var stopAt = warmup + TimeSpan.FromSeconds(seconds);
        var clock = Stopwatch.StartNew();
        var counts = new long[callers];
        var cpu = Task.Run(async () =>
        {
            await Task.Delay(warmup);
            var start = CpuMeter.Read();
            var done = counts.Sum();
            await Task.Delay(stopAt - clock.Elapsed);
            return (CpuMeter.Read() - start, counts.Sum() - done);
        });
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            while (clock.Elapsed < stopAt)
            {
                await call();
                counts[c]++;
            }
        }));
        var (used, calls) = await cpu;
        double PerCall(TimeSpan t) => t.TotalMilliseconds * 1000 / Math.Max(1, calls);
        Console.WriteLine($"{label}: {callers} callers, {seconds} s: {calls / (double)seconds:0}/s; CPU per call: this process {PerCall(used.Self):0} µs, PostgreSQL {PerCall(used.Postgres):0} µs; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }
}
