using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Platform.Dividends;
using Platform.Redemption;
using Platform.Scoring;
using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;
using Platform.WebConsole;

namespace Platform.Host;

/// <summary>
/// One process serving Scoring, Redemption and Dividends on one port, each with its own
/// database, on one bus. In embedded mode (the default) that is SQLite files under the data
/// folder and the in-memory bus.
/// </summary>
internal sealed class Program
{
    public static int Main(string[] args)
    {
        if (HostCommands.Requested(args))
        {
            return HostCommands.Run(args);
        }

        // Started by Windows as a service, the services' host answers the service control manager.
        var app = Build(args, services => services.AddWindowsService(o => o.ServiceName = WindowsServiceName));
        app.Start();
        // The console is a web application of its own on its own port (browsers speak HTTP/1.1
        // on plaintext, the gRPC port HTTP/2 only), calling the services on the gRPC port.
        var console = BuildConsole(args, GrpcAddress(app));
        console.Start();
        Announce(app, console);
        // Either one stopping stops both: a service stop reaches only the services' host.
        Task.WaitAny(app.WaitForShutdownAsync(), console.WaitForShutdownAsync());
        Task.WaitAll(console.StopAsync(), app.StopAsync());
        return 0;
    }

    /// <summary>The name under which docs/deployment.md registers the host as a Windows service.</summary>
    public const string WindowsServiceName = "LovePoints";

    /// <summary>The console of the embedded host, calling the services at <paramref name="services"/>.</summary>
    public static WebApplication BuildConsole(string[] args, Uri services, Action<WebApplicationBuilder>? configure = null) =>
        ConsoleApp.Build([.. args, $"--Platform:Console:Services={services}"], configure);

    /// <summary>The gRPC port's address, with a wildcard host replaced by loopback.</summary>
    public static Uri GrpcAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var uri = new UriBuilder(address);
        if (uri.Host is "0.0.0.0" or "[::]" or "+" or "*")
        {
            uri.Host = "127.0.0.1";
        }

        return uri.Uri;
    }

    /// <param name="configure">Lets tests replace services, for example the clock.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = PlatformHost.CreateBuilder(args);
        var options = builder.AddPlatformDefaults("platform-host");
        builder.Services.AddScoring(options);
        builder.Services.AddRedemption(options);
        builder.Services.AddDividends(options);
        builder.Services.AddPlatformBus(options,
            ScoringModule.ConfigureBus, RedemptionModule.ConfigureBus, DividendsModule.ConfigureBus);
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapPlatformDefaults();
        app.MapScoring();
        app.MapRedemption();
        app.MapDividends();
        return app;
    }

    private static void Announce(WebApplication app, WebApplication console)
    {
        var options = app.Services.GetRequiredService<PlatformOptions>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? [];
        var startedAgo = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
        Console.WriteLine($"Love-points platform ({options.Mode.ToString().ToLowerInvariant()}) is ready, {startedAgo.TotalSeconds:0.00} s after the process started.");
        Console.WriteLine($"  console (open in a browser): {string.Join(", ", ConsoleAddresses(console))}");
        Console.WriteLine($"  gRPC (HTTP/2, plaintext): {string.Join(", ", addresses)}");
        Console.WriteLine(options.Mode == PlatformMode.Embedded
            ? $"  data folder: {options.DataFolder}"
            : $"  databases on PostgreSQL; broker {RabbitMqAddress.Parse(options.RabbitMq!).Host}");
        Console.WriteLine("  services: platform.scoring.v1, platform.redemption.v1, platform.dividends.v1 (reflection and grpc.health.v1 on)");
        Console.WriteLine("  calls need a bearer token: dotnet run --project services/Host -- token --help");
        Console.WriteLine("  first account: dotnet run --project services/Host -- admin create NAME");
    }

    private static IEnumerable<string> ConsoleAddresses(WebApplication console) =>
        (console.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(a => a.EndsWith('/') ? a : a + "/");
}
