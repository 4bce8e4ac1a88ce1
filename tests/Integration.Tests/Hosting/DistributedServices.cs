using Microsoft.AspNetCore.Builder;
using Platform.Testing;

namespace Platform.Integration.Tests.Hosting;

/// <summary>Starts a service's own Program in distributed mode against the real servers.</summary>
internal static class DistributedServices
{
    /// <param name="settings">Further settings, on top of these (and able to replace them).</param>
    public static Task<RunningApp> StartAsync(
        Func<string[], WebApplication> build, string service, string database, string? redis = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Platform:Mode"] = "Distributed",
            ["Platform:Postgres"] = Servers.Postgres,
            ["Platform:RabbitMq"] = Servers.RabbitMq,
            ["Platform:Redis"] = redis ?? Servers.Redis,
            [$"Platform:Databases:{service}"] = database,
            // Queues of this host alone: hosts of other tests on the broker cannot take its messages.
            ["Platform:QueuePrefix"] = $"it-{Guid.NewGuid():N}"[..11] + "-",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return RunningApp.StartAsync(build, all);
    }
}
