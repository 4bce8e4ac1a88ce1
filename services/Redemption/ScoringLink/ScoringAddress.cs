using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Hosting;

namespace Platform.Redemption.ScoringLink;

/// <summary>
/// Where Scoring answers. Distributed: <c>Redemption:ScoringAddress</c> (default
/// http://127.0.0.1:5181). Embedded: the host's own address, so the embedded host speaks the same
/// gRPC API to itself as the distributed services do. That address is known only once the server
/// has started, after the background workers have begun: the clients are therefore made with
/// <see cref="Own"/>, which <see cref="OwnAddressHandler"/> turns into the real address when a
/// call is sent, waiting for the server if it has not started yet.
/// </summary>
/// <remarks>
/// The address must not be looked up while the client's options are made: the options are made
/// once and remembered, a failure included, so a worker that asked before the server had an
/// address made every later Scoring client fail (Counter calls answered Internal until restart).
/// </remarks>
internal sealed class ScoringAddress(IOptions<RedemptionSettings> settings, PlatformOptions options, IServer server, IHostApplicationLifetime lifetime)
{
    /// <summary>Stands for the embedded host's own address until a call is sent (.invalid is never a real host).</summary>
    public static readonly Uri Own = new("http://embedded-host.invalid");

    private Uri? own;

    /// <summary>The address known from the settings alone; <see cref="Own"/> on the embedded host.</summary>
    public Uri Configured =>
        settings.Value.ScoringAddress
        ?? (options.Mode == PlatformMode.Distributed ? new Uri("http://127.0.0.1:5181") : Own);

    /// <summary>The embedded host's own http address, once its server has started.</summary>
    public async ValueTask<Uri> OwnAsync(CancellationToken ct)
    {
        if (own is { } known)
        {
            return known;
        }

        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(ct);
            }
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
            ?? throw new InvalidOperationException("The embedded host has started without an http address; Scoring cannot be reached.");
        own = new Uri(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
        return own;
    }
}

/// <summary>Sends a call addressed to <see cref="ScoringAddress.Own"/> to the embedded host's real address.</summary>
internal sealed class OwnAddressHandler(ScoringAddress address) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && uri.Host == ScoringAddress.Own.Host)
        {
            request.RequestUri = new Uri(await address.OwnAsync(cancellationToken), uri.PathAndQuery);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
