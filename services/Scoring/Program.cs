using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring;

/// <summary>Scoring as a process of its own (distributed mode).</summary>
public sealed class Program
{
    public static void Main(string[] args) => Build(args).Run();

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.AddPlatformDefaults(ScoringModule.Name);
        builder.Services.AddScoring(options);
        builder.Services.AddPlatformBus(options, ScoringModule.ConfigureBus);

        var app = builder.Build();
        app.MapPlatformDefaults();
        app.MapScoring();
        return app;
    }
}
