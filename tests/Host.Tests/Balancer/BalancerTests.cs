using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Platform.Host.Tests.Balancer;

/// <summary>
/// tools/LoadBalancer in front of replicas that are dead or die mid-answer: a gRPC client behind it
/// sees UNAVAILABLE (send the call again), never INTERNAL made up from a plain HTTP error status.
/// </summary>
public sealed class BalancerTests
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);
    private static readonly Method<byte[], byte[]> Hold = new(MethodType.ClientStreaming, "test.Dying", "Hold", Raw, Raw);

    [Fact]
    public async Task A_call_to_a_replica_that_cannot_be_reached_is_unavailable_with_a_message_to_send_it_again()
    {
        await using var balancer = await BalancerProcess.StartAsync(BalancerProcess.ClosedAddress());
        using var channel = GrpcChannel.ForAddress(balancer.Address);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(channel)
            .CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.True(refused.StatusCode == StatusCode.Unavailable, $"{refused.StatusCode} {refused.Status.Detail}\n{balancer.Output}");
        Assert.Contains("same idempotency key", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_whose_replica_refuses_the_connection_is_sent_once_to_the_other_replica()
    {
        await using var live = await StartLiveReplicaAsync();
        await using var balancer = await BalancerProcess.StartAsync(BalancerProcess.ClosedAddress(), AddressOf(live));
        using var channel = GrpcChannel.ForAddress(balancer.Address);
        var health = new Health.HealthClient(channel);

        // Round robin per call: of four calls, two are first sent to the dead replica.
        for (var call = 1; call <= 4; call++)
        {
            try
            {
                var answer = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
                Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
            }
            catch (RpcException e)
            {
                Assert.Fail($"call {call}: {e.StatusCode} {e.Status.Detail}\n{balancer.Output}");
            }
        }
    }

    [Fact]
    public async Task A_replica_that_dies_after_its_answer_began_is_unavailable_not_a_malformed_answer()
    {
        await using var dying = await StartDyingReplicaAsync();
        await using var balancer = await BalancerProcess.StartAsync(AddressOf(dying));
        using var channel = GrpcChannel.ForAddress(balancer.Address);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(channel)
            .CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.True(refused.StatusCode == StatusCode.Unavailable, $"{refused.StatusCode} {refused.Status.Detail}\n{balancer.Output}");
    }

    [Fact]
    public async Task A_replica_that_dies_while_the_call_is_still_being_sent_is_unavailable_not_a_bad_http_status()
    {
        await using var dying = await StartDyingReplicaAsync();
        await using var balancer = await BalancerProcess.StartAsync(AddressOf(dying));
        using var channel = GrpcChannel.ForAddress(balancer.Address);

        // The client keeps its request open; the replica dies without answering, while the balancer
        // waits for more of the request (YARP's answer to that was a plain HTTP 400).
        using var call = channel.CreateCallInvoker().AsyncClientStreamingCall(Hold, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));
        await call.RequestStream.WriteAsync([1, 2, 3]);
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.True(refused.StatusCode == StatusCode.Unavailable, $"{refused.StatusCode} {refused.Status.Detail}\n{balancer.Output}");
        Assert.Contains("same idempotency key", refused.Status.Detail, StringComparison.Ordinal);
    }

    // A replica that answers grpc.health.v1 as the services do (SERVING).
    private static async Task<WebApplication> StartLiveReplicaAsync()
    {
        var builder = ReplicaBuilder();
        builder.Services.AddGrpc();
        // Checked when asked, not from the cache its publisher fills after a few seconds.
        builder.Services.AddGrpcHealthChecks(o => o.UseHealthChecksCache = false)
            .AddCheck("live", () => HealthCheckResult.Healthy());
        var app = builder.Build();
        app.MapGrpcHealthChecksService();
        await app.StartAsync();
        return app;
    }

    // A replica that dies in the middle of its calls: Health/Check after it began its answer (headers
    // and the first bytes of a message), Hold before answering anything.
    private static async Task<WebApplication> StartDyingReplicaAsync()
    {
        var app = ReplicaBuilder().Build();
        app.MapPost("/grpc.health.v1.Health/Check", async context =>
        {
            context.Response.ContentType = "application/grpc";
            // A message frame that announces 10 bytes, and 2 of them.
            await context.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 10, 8, 1 });
            await context.Response.Body.FlushAsync();
            await Task.Delay(200);
            context.Abort();
        });
        app.MapPost("/test.Dying/Hold", async context =>
        {
            await Task.Delay(200);
            context.Abort();
        });
        await app.StartAsync();
        return app;
    }

    private static WebApplicationBuilder ReplicaBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        return builder;
    }

    private static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
}
