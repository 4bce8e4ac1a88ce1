using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption;

/// <summary>Redemption as a process of its own (distributed mode).</summary>
public sealed class Program
{
    public static void Main(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.AddPlatformDefaults(RedemptionModule.Name);
        builder.Services.AddRedemption(options);
        builder.Services.AddPlatformBus(options, RedemptionModule.ConfigureBus);

        var app = builder.Build();
        app.MapPlatformDefaults();
        app.MapRedemption();
        return app;
    }
}
