using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// A service host started for real on a free loopback port, with a gRPC channel to it.
/// Tests call it as a client would, over HTTP/2.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    private RunningApp(WebApplication app, Uri address, LoggedFailures failures)
    {
        App = app;
        Failures = failures;
        Address = address;
        Channel = ChannelWithToken(TestTokens.Everything);
    }

    public WebApplication App { get; }

    /// <summary>The errors with an exception the host logged, to explain an Internal answer.</summary>
    public LoggedFailures Failures { get; }

    public Uri Address { get; }

    /// <summary>A channel whose calls carry TestTokens.Everything.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>A channel whose calls carry this token, or none when it is null.</summary>
    public GrpcChannel ChannelWithToken(string? token)
    {
        var options = new GrpcChannelOptions { MaxReceiveMessageSize = 16 * 1024 * 1024 };
        if (token is not null)
        {
            options.Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure,
                CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", "Bearer " + token);
                    return Task.CompletedTask;
                }));
            options.UnsafeUseInsecureChannelCallCredentials = true;
        }

        return GrpcChannel.ForAddress(Address, options);
    }

    public IServiceProvider Services => App.Services;

    /// <param name="build">A Program.Build of one of the hosts.</param>
    /// <param name="settings">Configuration as "--Key=Value" pairs, on top of the host's own.
    /// Platform:Auth:SigningKey is the test run's key (TestTokens) unless the settings name one.</param>
    /// <param name="beforeStart">What the test does with the built host before its server starts.</param>
    public static async Task<RunningApp> StartAsync(Func<string[], WebApplication> build, IDictionary<string, string?> settings,
        Func<WebApplication, Task>? beforeStart = null)
    {
        var all = new Dictionary<string, string?>(settings);
        all.TryAdd("Platform:Auth:SigningKey", TestTokens.SigningKeyPem);
        var args = all.Select(kv => $"--{kv.Key}={kv.Value}")
            .Append("--urls=http://127.0.0.1:0")
            .Append("--Kestrel:EndpointDefaults:Protocols=Http2")
            .Append("--Logging:LogLevel:Default=Warning")
            .ToArray();
        var app = build(args);
        var failures = new LoggedFailures();
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(failures);
        if (beforeStart is not null)
        {
            await beforeStart(app);
        }

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        return new RunningApp(app, new Uri(address), failures);
    }

    public async Task<HealthCheckResponse.Types.ServingStatus> HealthAsync(string service = "")
    {
        var client = new Health.HealthClient(Channel);
        var response = await client.CheckAsync(new HealthCheckRequest { Service = service });
        return response.Status;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
