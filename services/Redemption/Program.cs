using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption;

/// <summary>Redemption as a process of its own (distributed mode).</summary>
internal sealed class Program
{
    public static void Main(string[] args) => Build(args).Run();

    /// <param name="configure">Lets tests replace services, for example the clock.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = PlatformHost.CreateBuilder(args);
        var options = builder.AddPlatformDefaults(RedemptionModule.Name);
        builder.Services.AddRedemption(options);
        configure?.Invoke(builder.Services);
        builder.Services.AddPlatformBus(options, RedemptionModule.ConfigureBus);

        var app = builder.Build();
        app.MapPlatformDefaults();
        app.MapRedemption();
        return app;
    }
}
