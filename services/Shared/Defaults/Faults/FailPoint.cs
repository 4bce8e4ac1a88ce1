namespace Platform.ServiceDefaults.Faults;

/// <summary>A named place in the code where a test may make the process die; listed in docs/fail-points.md.</summary>
internal sealed record FailPoint(string Name, string Description);
