namespace Platform.ServiceDefaults.Health;

public static class HealthTags
{
    /// <summary>Checks every service depends on: the broker, Redis.</summary>
    public const string Infrastructure = "infrastructure";
}
