using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Faults;

/// <summary>
/// Fault injection for tests that need a process to die between two steps: business code calls
/// <see cref="Hit"/> at a registered point, which does nothing unless the settings arm that point
/// with <c>Platform:FailPoints:NAME=crash</c>. Off by default; the points are listed in docs/fail-points.md.
/// </summary>
public sealed class FailPoints(IOptions<FailPointSettings> settings)
{
    private readonly HashSet<string> crashing = settings.Value.Actions
        .Where(a => string.Equals(a.Value, FailPointSettings.Crash, StringComparison.OrdinalIgnoreCase))
        .Select(a => a.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool Armed(string name) => crashing.Count > 0 && crashing.Contains(name);

    /// <param name="detail">What is left half done, for the log of the process that dies.</param>
    public void Hit(string name, string detail)
    {
        if (Armed(name))
        {
            Environment.FailFast($"Fail point {name}: {detail}");
        }
    }
}
