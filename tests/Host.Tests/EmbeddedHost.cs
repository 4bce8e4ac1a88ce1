using Platform.Testing;

namespace Platform.Host.Tests;

/// <summary>Starts the embedded host on a data folder of the test's own.</summary>
internal static class EmbeddedHost
{
    public static Task<RunningApp> StartAsync(string dataFolder) =>
        RunningApp.StartAsync(args => Program.Build(args), new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Embedded",
            ["Platform:DataFolder"] = dataFolder,
        });
}
