using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Platform.Testing;

/// <summary>
/// A service run as a process of its own (its built Program, `dotnet Platform.X.dll`), as in a
/// distributed deployment, so a test can kill it and start it again. Its output is kept for
/// the failure message.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int RestartableFirst = 28000;
    private const int RestartableCount = 4000;
    private static int restartableNext = Random.Shared.Next(RestartableCount);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private ServiceProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            // Calls carry the test run's all-purpose token, as RunningApp's do.
            Credentials = Grpc.Core.ChannelCredentials.Create(Grpc.Core.ChannelCredentials.Insecure,
                Grpc.Core.CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", "Bearer " + TestTokens.Everything);
                    return Task.CompletedTask;
                })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Each line the process writes, as it comes (the kept <see cref="Output"/> stops at 200,000 characters).</summary>
    public event Action<string>? LineReceived;

    public int Id => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="project">"Scoring", "Redemption" or "Host": the folder under services/.</param>
    /// <param name="workingDirectory">Where the process starts; the program's own folder unless given.</param>
    public static async Task<ServiceProcess> StartAsync(string project, IDictionary<string, string?> settings, int? port = null,
        string? workingDirectory = null)
    {
        var dll = Dll(project);
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add($"--urls={address}");
        foreach (var (key, value) in settings)
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["DOTNET_gcServer"] = "0";
        if (!settings.ContainsKey("Platform:Auth:SigningKey"))
        {
            // The test run's key, so the test's tokens are accepted and the service mints its own service token.
            info.Environment["PLATFORM_AUTH_SIGNING_KEY"] = TestTokens.SigningKeyPem;
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, e) => started.Append(e.Data);
        process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await started.WaitServingAsync(TimeSpan.FromSeconds(60));
        return started;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// A free port for a server the test kills and starts again on the same port: one below Linux's
    /// ephemeral range (32768–60999), from 28000–31999, which none of our scripts' defaults use.
    /// A port from <see cref="FreePort"/> lies inside that range, where any outgoing connection may
    /// take it as its source port while the server is down; its socket (ESTABLISHED, or TIME-WAIT
    /// for a minute) then makes the restarted server's bind fail, as it did for PostgreSQL in CI
    /// (docs/reliability.md). Each test process walks the range from a random start, so it never
    /// hands out a port twice, and skips ports something holds.
    /// </summary>
    public static int RestartablePort()
    {
        for (var tried = 0; tried < RestartableCount; tried++)
        {
            var port = RestartableFirst + (int)((uint)Interlocked.Increment(ref restartableNext) % RestartableCount);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Held: the next one.
            }
        }

        throw new InvalidOperationException($"No free port in {RestartableFirst}–{RestartableFirst + RestartableCount - 1}.");
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitServingAsync(TimeSpan timeout)
    {
        var health = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.StartInfo.ArgumentList[0]} exited with code {process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                var status = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (status.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{process.StartInfo.ArgumentList[0]} did not report SERVING within {timeout.TotalSeconds} s:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        LineReceived?.Invoke(line);

        lock (output)
        {
            if (output.Length < 200_000)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Dll(string project)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                var dll = Path.Combine(dir.FullName, "services", project, "bin", configuration, "net10.0", $"Platform.{project}.dll");
                return File.Exists(dll)
                    ? dll
                    : throw new FileNotFoundException($"{dll} is not built; build the solution first (scripts/test.sh does).");
            }
        }

        throw new DirectoryNotFoundException("The repository root (Platform.sln) was not found above the test's folder.");
    }
}
