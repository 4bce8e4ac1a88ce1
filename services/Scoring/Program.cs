using Platform.ServiceDefaults.Hosting;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring;

/// <summary>Scoring as a process of its own (distributed mode).</summary>
internal sealed class Program
{
    public static int Main(string[] args)
    {
        if (args.FirstOrDefault() == Journal.JournalCommand.Name)
        {
            return new System.CommandLine.RootCommand("Scoring as a process of its own.") { Journal.JournalCommand.Create(a => Build(a)) }
                .Parse(args).Invoke();
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
