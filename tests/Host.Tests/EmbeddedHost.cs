using Microsoft.AspNetCore.Builder;
using Platform.Testing;

namespace Platform.Host.Tests;

/// <summary>Starts the embedded host on a data folder of the test's own.</summary>
internal static class EmbeddedHost
{
    /// <param name="beforeStart">What the test does with the built host before its server starts.</param>
    public static Task<RunningApp> StartAsync(string dataFolder, Func<WebApplication, Task>? beforeStart = null) =>
        RunningApp.StartAsync(args => Program.Build(args), new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Embedded",
            ["Platform:DataFolder"] = dataFolder,
        }, beforeStart);
}
