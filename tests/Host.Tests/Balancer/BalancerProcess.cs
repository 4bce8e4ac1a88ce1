using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Platform.Testing;

namespace Platform.Host.Tests.Balancer;

/// <summary>tools/LoadBalancer started as the scripts and the fault runner start it: `dotnet Platform.LoadBalancer.dll PORT BACKEND...`.</summary>
internal sealed class BalancerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private BalancerProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

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

    public static async Task<BalancerProcess> StartAsync(params Uri[] backends)
    {
        var port = ServiceProcess.FreePort();
        var dll = Dll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        foreach (var backend in backends)
        {
            info.ArgumentList.Add(backend.ToString().TrimEnd('/'));
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info };
        var balancer = new BalancerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => balancer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => balancer.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Poller.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the balancer exited with code {process.ExitCode}:\n{balancer.Output}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, $"the balancer listens on {port}", TimeSpan.FromSeconds(30));
        return balancer;
    }

    /// <summary>A loopback address nothing listens on: a free port, released at once.</summary>
    public static Uri ClosedAddress() => new($"http://127.0.0.1:{ServiceProcess.FreePort()}");

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 100_000)
            {
                output.AppendLine(line);
            }
        }
    }

    // Built by the test project's ProjectReference (ReferenceOutputAssembly=false), in its own bin folder.
    private static string Dll()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                var dll = Path.Combine(dir.FullName, "tools", "LoadBalancer", "bin", configuration, "net10.0", "Platform.LoadBalancer.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is not built; build tests/Host.Tests first.");
            }
        }

        throw new DirectoryNotFoundException("The repository root (Platform.sln) was not found above the test's folder.");
    }
}
