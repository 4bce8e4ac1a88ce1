using System.CommandLine;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>
/// The `demo` command run once into a folder of its own, as a newcomer types it, and then the
/// embedded host started on that folder.
/// </summary>
public sealed class DemoCountyRun : IAsyncLifetime
{
    public TempFolder Data { get; } = new();

    public int Exit { get; private set; }

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public TimeSpan Took { get; private set; }

    public RunningApp App { get; private set; } = null!;

    public (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = HostCommands.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public async Task InitializeAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        (Exit, Output, Error) = await Task.Run(() => Run("demo", $"--Platform:DataFolder={Data.Path}"));
        Took = started.Elapsed;
        App = await EmbeddedHost.StartAsync(Data.Path);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        Data.Dispose();
    }
}
