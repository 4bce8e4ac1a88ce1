using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Dividends;

/// <summary>Dividends as a process of its own (distributed mode).</summary>
internal sealed class Program
{
    public static void Main(string[] args) => Build(args).Run();

    /// <param name="configure">Lets tests replace services, for example the clock.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = PlatformHost.CreateBuilder(args);
        var options = builder.AddPlatformDefaults(DividendsModule.Name);
        builder.Services.AddDividends(options);
        configure?.Invoke(builder.Services);
        builder.Services.AddPlatformBus(options, DividendsModule.ConfigureBus);

        var app = builder.Build();
        app.MapPlatformDefaults();
        app.MapDividends();
        return app;
    }
}
