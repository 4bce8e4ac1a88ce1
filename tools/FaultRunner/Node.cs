using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Platform.FaultRunner;

/// <summary>
/// One process of the platform (a service replica or a load balancer) on a fixed loopback
/// port, its output appended to a log file of the run. <see cref="Kill"/> is kill -9;
/// <see cref="StartAsync"/> starts it again on the same port and waits until it serves.
/// </summary>
internal sealed class Node(string name, string dll, IReadOnlyList<string> args, int port, string? healthService, string logFile) : IDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Node, byte> Started = new();

    private readonly object gate = new();
    private Process? process;
    private StreamWriter? log;

    public string Name => name;

    public int Port => port;

    public bool Alive => process is { HasExited: false };

    public int? Pid => Alive ? process!.Id : null;

    public async Task StartAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        Kill();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The runner's servers are given as arguments; settings of another checkout in the environment must not win.
        foreach (var variable in new[] { "PLATFORM_POSTGRES", "PLATFORM_RABBITMQ", "PLATFORM_REDIS", "PLATFORM_QUEUE_PREFIX", "PLATFORM_AUTH_SIGNING_KEY" })
        {
            info.Environment.Remove(variable);
        }

        info.Environment["PLATFORM_AUTH_SIGNING_KEY"] = Platform.Testing.TestTokens.SigningKeyPem;
        info.Environment["DOTNET_gcServer"] = "0";
        lock (gate)
        {
            log ??= new StreamWriter(logFile, append: true) { AutoFlush = true };
            log.WriteLine($"==== {DateTime.UtcNow:HH:mm:ss.fff} starting {name} on port {port}");
        }

        var started = new Process { StartInfo = info, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Write(e.Data);
        started.ErrorDataReceived += (_, e) => Write(e.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        Started[this] = 0;
        await WaitServingAsync(timeout, ct);
    }

    /// <summary>SIGKILL; nothing of the process is given a chance to finish.</summary>
    public void Kill()
    {
        var running = process;
        if (running is null)
        {
            return;
        }

        try
        {
            if (!running.HasExited)
            {
                running.Kill(entireProcessTree: true);
                running.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        Write($"==== {DateTime.UtcNow:HH:mm:ss.fff} killed (SIGKILL)");
        running.Dispose();
        process = null;
    }

    /// <summary>Every process the runner started and has not disposed: killed when the runner itself is stopped.</summary>
    public static void KillAll()
    {
        foreach (var node in Started.Keys)
        {
            node.Kill();
        }
    }

    public void Dispose()
    {
        Started.TryRemove(this, out _);
        Kill();
        lock (gate)
        {
            log?.Dispose();
            log = null;
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            log?.WriteLine(line);
        }
    }

    private async Task WaitServingAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var health = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process is null || process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited while starting; see {logFile}");
            }

            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest { Service = healthService ?? string.Empty },
                    deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // Not listening yet, or (through a balancer) no replica yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{name} did not report SERVING within {timeout.TotalSeconds:0} s; see {logFile}");
            }

            await Task.Delay(250, ct);
        }
    }
}
