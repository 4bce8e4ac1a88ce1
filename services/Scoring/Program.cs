using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring;

/// <summary>Scoring as a process of its own (distributed mode).</summary>
public sealed class Program
{
    public static void Main(string[] args) => Build(args).Run();

    /// <param name="configure">Lets tests replace services, for example the clock.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.AddPlatformDefaults(ScoringModule.Name);
        builder.Services.AddScoring(options);
        configure?.Invoke(builder.Services);
        builder.Services.AddPlatformBus(options, ScoringModule.ConfigureBus);

        var app = builder.Build();
        app.MapPlatformDefaults();
        app.MapScoring();
        return app;
    }
}
