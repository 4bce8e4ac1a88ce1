using System.Diagnostics;
using Platform.Testing;

namespace Platform.Integration.Tests.Messaging;

/// <summary>
/// A RabbitMQ node of the test's own (scripts/rabbitmq-node.sh) on ports of its own, so a test
/// can kill it with SIGKILL and start it again without disturbing the shared broker.
/// </summary>
internal sealed class OwnBroker : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    // Below the ephemeral range: the node is killed and started again on the same ports.
    private readonly int amqpPort = ServiceProcess.RestartablePort();
    private readonly int epmdPort = ServiceProcess.RestartablePort();
    private readonly int distPort = ServiceProcess.RestartablePort();

    private OwnBroker()
    {
    }

    public string Address => $"amqp://platform:platform@127.0.0.1:{amqpPort}/";

    public static async Task<OwnBroker> StartAsync()
    {
        var broker = new OwnBroker();
        await broker.RestartAsync();
        return broker;
    }

    /// <summary>Starts the node (again, on the same ports and data) and waits until it accepts connections.</summary>
    public Task RestartAsync() => RunAsync("start", folder.Path, $"{amqpPort}", $"{epmdPort}", $"{distPort}");

    /// <summary>SIGKILL to the Erlang VM: no goodbye to the clients, as in a crash.</summary>
    public Task KillAsync() => RunAsync("kill", folder.Path);

    public async ValueTask DisposeAsync()
    {
        await RunAsync("stop", folder.Path);
        folder.Dispose();
    }

    private static async Task RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(Script())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Longer than the script's own bounds (60 s for the listener, 60 s for the boot, and
        // rabbitmqctl's start), so that the script, not this wait, says what went wrong.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"scripts/rabbitmq-node.sh {string.Join(' ', arguments)} did not end within 180 s:\n{await output}\n{await error}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"scripts/rabbitmq-node.sh {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static string Script()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return Path.Combine(dir.FullName, "scripts", "rabbitmq-node.sh");
            }
        }

        throw new DirectoryNotFoundException("The repository root (Platform.sln) was not found above the test's folder.");
    }
}
