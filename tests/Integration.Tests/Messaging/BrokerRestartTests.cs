using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Npgsql;
using Platform.Contracts.Redemption.V1;
using Platform.Integration.Tests.Redemption;
using Platform.Testing;
using Xunit;
using Xunit.Abstractions;
using ScoringApi = Platform.Contracts.Scoring.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Platform.Integration.Tests.Messaging;

/// <summary>
/// Scoring and Redemption as processes of their own on a RabbitMQ of the test's own, which is
/// killed with SIGKILL and started again three times in a row while households are registered
/// (Scoring's outbox, consumed by Redemption) and orders are taken at the counter (both outboxes).
/// </summary>
[Collection(BrokerRestarts.Name)]
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    /// <summary>
    /// From the broker's last restart until no outbox row is unsent: a publish timeout (3 s here),
    /// the relay's longest outage back-off (5 s) and the backlog's publication, with room for a
    /// loaded machine (docs/decisions/0002-outbox-and-inbox.md).
    /// </summary>
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(30);

    /// <summary>
    /// From the broker's last restart until messaging health is SERVING again: MassTransit retries
    /// a lost receive endpoint at intervals that grow to 30 s, then the endpoint starts.
    /// </summary>
    private static readonly TimeSpan ServingBound = TimeSpan.FromSeconds(60);

    private const int Restarts = 3;
    private const int Counters = 6;
    private const int HouseholdsPerCall = 10;
    private const int UnhealthyAfterSeconds = 4;

    [Fact]
    public async Task Every_outbox_drains_within_the_bound_after_the_broker_is_killed_three_times_under_load()
    {
        var clock = Stopwatch.StartNew();
        await using var broker = await OwnBroker.StartAsync();
        await using var deployment = await CounterDeployment.StartAsync(households: 8, points: 10_000_000, unitsPerItem: 1_000_000,
            new Dictionary<string, string?>
            {
                ["Platform:RabbitMq"] = broker.Address,
                ["Platform:Messaging:PublishTimeoutSeconds"] = "3",
                ["Platform:Messaging:UnhealthyAfterSeconds"] = $"{UnhealthyAfterSeconds}",
            });
        output.WriteLine($"broker and services up, seeded: {clock.Elapsed.TotalSeconds:0.0} s");

        Assert.Equal(ServingStatus.Serving, await HealthAsync(deployment.Scoring.Channel, "scoring.messaging"));
        Assert.Equal(ServingStatus.Serving, await HealthAsync(deployment.Redemption.Channel, "redemption.messaging"));
        using var stop = new CancellationTokenSource();
        var registered = new ConcurrentBag<string>();
        var orders = new ConcurrentBag<string>();
        var load = Task.WhenAll(
            Enumerable.Range(1, Counters).Select(counter => RedeemAsync(deployment, counter, orders, stop.Token))
                .Append(RegisterHouseholdsAsync(deployment, registered, stop.Token)));

        for (var restart = 1; restart <= Restarts; restart++)
        {
            var before = registered.Count + orders.Count;
            await Poller.UntilAsync(() => registered.Count + orders.Count >= before + 100 || load.IsCompleted, "load is written", TimeSpan.FromSeconds(30));
            await broker.KillAsync();
            var killed = clock.Elapsed;
            await Poller.UntilAsync(async () => await HealthAsync(deployment.Scoring.Channel, "scoring.messaging") == ServingStatus.NotServing
                    && await OldestUnsentAgeAsync(deployment.ScoringDatabase) >= TimeSpan.FromSeconds(UnhealthyAfterSeconds),
                "Scoring reports its messaging NOT_SERVING while its oldest unsent event is older than the threshold", TimeSpan.FromSeconds(30));
            var notServing = clock.Elapsed;
            Assert.False(load.IsCompleted, $"the load stopped: {load.Exception}");
            await broker.RestartAsync();
            output.WriteLine($"restart {restart}: killed at {killed.TotalSeconds:0.0} s, NOT_SERVING at {notServing.TotalSeconds:0.0} s, " +
                $"broker back at {clock.Elapsed.TotalSeconds:0.0} s; {registered.Count} households, {orders.Count} orders so far");
        }

        var restarted = Stopwatch.StartNew();
        await stop.CancelAsync();
        await load;

        await Poller.UntilAsync(async () => await UnsentAsync(deployment.ScoringDatabase) == 0 && await UnsentAsync(deployment.RedemptionDatabase) == 0,
            $"both outboxes drain within {DrainBound.TotalSeconds} s of the last restart (Scoring's log:\n{Tail(deployment.Scoring.Output)}\nRedemption's log:\n{Tail(deployment.Redemption.Output)})",
            DrainBound);
        output.WriteLine($"drained {restarted.Elapsed.TotalSeconds:0.0} s after the last restart");

        await Poller.UntilAsync(async () => await HealthAsync(deployment.Scoring.Channel, "scoring.messaging") == ServingStatus.Serving
                && await HealthAsync(deployment.Redemption.Channel, "redemption.messaging") == ServingStatus.Serving,
            "both services report their messaging SERVING again", ServingBound - restarted.Elapsed);
        output.WriteLine($"messaging SERVING {restarted.Elapsed.TotalSeconds:0.0} s after the last restart; {registered.Count} households, {orders.Count} orders; total {clock.Elapsed.TotalSeconds:0.0} s");

        // Every household registered during the outages reached the counter's copy.
        await Poller.UntilAsync(async () => await CountAsync(deployment.RedemptionDatabase, "SELECT count(*) FROM households WHERE village_code = @v", deployment.Village) == 8 + registered.Count,
            "the counter knows every household registered meanwhile", TimeSpan.FromSeconds(20));
        Assert.True(registered.Count > 0 && !orders.IsEmpty, "the load wrote events");
    }

    private static async Task RegisterHouseholdsAsync(CounterDeployment deployment, ConcurrentBag<string> registered, CancellationToken stop)
    {
        var households = new ScoringApi.Households.HouseholdsClient(deployment.Scoring.Channel);
        for (var call = 1; !stop.IsCancellationRequested; call++)
        {
            var numbers = Enumerable.Range(call * HouseholdsPerCall, HouseholdsPerCall).Select(n => $"{n:00000}").ToList();
            await households.RegisterHouseholdsAsync(new ScoringApi.RegisterHouseholdsRequest
            {
                IdempotencyKey = $"load-{call}",
                VillageCode = deployment.Village,
                Actor = "clerk Sun Li",
                Households = { numbers.Select(number => new ScoringApi.NewHousehold { HouseholdNumber = number, HeadName = "Head " + number, MemberCount = 2 }) },
            });
            foreach (var number in numbers)
            {
                registered.Add(number);
            }
        }
    }

    private static async Task RedeemAsync(CounterDeployment deployment, int counter, ConcurrentBag<string> orders, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var request = new RedeemRequest
            {
                OrderId = $"{deployment.Village}-c{counter}-o{i}",
                CounterCode = $"{deployment.Supermarket}-{CounterDeployment.CounterCode(counter)}",
                HouseholdNumber = deployment.Household(1 + ((i + counter) % 8)),
                Actor = $"clerk {counter}",
                Lines = { new RedeemLine { Sku = CounterDeployment.Items[i % CounterDeployment.Items.Length].Sku, Quantity = 1 } },
            };
            await deployment.Counter.RedeemAsync(request);
            orders.Add(request.OrderId);
        }
    }

    private static async Task<ServingStatus> HealthAsync(GrpcChannel channel, string service)
    {
        try
        {
            var response = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(5));
            return response.Status;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            return ServingStatus.Unknown;
        }
    }

    private static async Task<TimeSpan> OldestUnsentAgeAsync(string database)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT occurred_at FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence LIMIT 1", connection);
        return await command.ExecuteScalarAsync() is DateTime oldest ? DateTime.UtcNow - oldest.ToUniversalTime() : TimeSpan.Zero;
    }

    private static Task<long> UnsentAsync(string database) =>
        CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", null);

    private static async Task<long> CountAsync(string database, string sql, string? village)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (village is not null)
        {
            command.Parameters.AddWithValue("v", village);
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Tail(string log) => log.Length > 6000 ? log[^6000..] : log;
}
