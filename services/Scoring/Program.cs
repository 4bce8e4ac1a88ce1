using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring;

/// <summary>Scoring as a process of its own (distributed mode).</summary>
public sealed class Program
{
    public static int Main(string[] args)
    {
        if (args.FirstOrDefault() == Journal.JournalCommand.Name)
        {
            // Settings (--Key=Value) configure the service; the other words name villages or --all.
            var app = Build([.. args[1..].Where(a => a.Contains('='))]);
            return Journal.JournalCommand.RunAsync(app.Services, [.. args[1..].Where(a => !a.Contains('='))]).GetAwaiter().GetResult();
        }

        Build(args).Run();
        return 0;
    }

    /// <param name="configure">Lets tests replace services, for example the clock.</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = PlatformHost.CreateBuilder(args);
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
