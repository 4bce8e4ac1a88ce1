using Grpc.Health.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>The built host started as `dotnet …/Platform.Host.dll` from a folder that is not its own.</summary>
public sealed class StartedElsewhereTests : IDisposable
{
    private readonly TempFolder workingDirectory = new();
    private readonly TempFolder data = new();

    public void Dispose()
    {
        workingDirectory.Dispose();
        data.Dispose();
    }

    [Fact]
    public async Task The_host_started_from_another_folder_answers_grpc_over_plaintext_http2_and_reads_its_own_settings()
    {
        await using var host = await ServiceProcess.StartAsync("Host",
            new Dictionary<string, string?> { ["Platform:DataFolder"] = data.Path },
            workingDirectory: workingDirectory.Path);

        var health = new Health.HealthClient(host.Channel);
        var answer = await health.CheckAsync(new HealthCheckRequest { Service = "scoring" }, deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
        // The host's appsettings.json quiets Microsoft.Hosting.Lifetime; without it the lifetime
        // logger would print where its content root is.
        Assert.DoesNotContain("Content root path", host.Output, StringComparison.Ordinal);
    }
}
