namespace Platform.ServiceDefaults.Faults;

/// <summary><c>Platform:FailPoints:NAME=crash</c> (or off): the fail points armed in this process.</summary>
public sealed class FailPointSettings
{
    public const string Section = "Platform:FailPoints";

    public const string Crash = "crash";

    public const string Off = "off";

    public Dictionary<string, string> Actions { get; } = new(StringComparer.OrdinalIgnoreCase);
}
