using System.Globalization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.LoadBalancer;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

// Usage: dotnet Platform.LoadBalancer.dll PORT BACKEND [BACKEND...]
//   e.g. 5181 http://127.0.0.1:5281 http://127.0.0.1:5291
// One h2c address on 127.0.0.1:PORT in front of a service's replicas. Balancing is per request,
// that is per gRPC call, round robin: a gRPC client keeps one HTTP/2 connection, so a balancer
// that picks a backend per TCP connection would send all of a client's calls to one replica.
// A call the balancer cannot forward is answered as gRPC, UNAVAILABLE (GrpcUnavailableAnswer); a
// call whose replica refused the connection is first sent once to another (RefusedConnectionRetry).
if (args.Length < 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
{
    Console.Error.WriteLine("usage: Platform.LoadBalancer PORT BACKEND [BACKEND...]");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k =>
{
    k.Listen(System.Net.IPAddress.Loopback, port, l => l.Protocols = HttpProtocols.Http2);
    k.Limits.Http2.MaxStreamsPerConnection = 1000;
});

var destinations = args.Skip(1).Select((address, i) => (address, i))
    .ToDictionary(d => $"replica-{d.i + 1}", d => new DestinationConfig { Address = d.address });
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "replicas", Match = new RouteMatch { Path = "{**rest}" } }],
    [
        new ClusterConfig
        {
            ClusterId = "replicas",
            LoadBalancingPolicy = "RoundRobin",
            Destinations = destinations,
            // h2c to the backends: gRPC needs HTTP/2 end to end, and there is no TLS on loopback.
            HttpRequest = new ForwarderRequestConfig { Version = new Version(2, 0), VersionPolicy = HttpVersionPolicy.RequestVersionExact },
            HttpClient = new HttpClientConfig { EnableMultipleHttp2Connections = true },
        },
    ]);

var app = builder.Build();
app.MapReverseProxy(proxy =>
{
    proxy.Use(GrpcUnavailableAnswer.InvokeAsync);
    proxy.UseLoadBalancing();
    proxy.Use(RefusedConnectionRetry.InvokeAsync);
});
Console.WriteLine($"load balancer on http://127.0.0.1:{port} -> {string.Join(", ", destinations.Values.Select(d => d.Address))}");
await app.RunAsync();
return 0;
