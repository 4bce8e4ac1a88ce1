namespace Platform.ServiceDefaults.Health;

internal static class HealthTags
{
    /// <summary>Checks every service depends on: the broker, Redis.</summary>
    public const string Infrastructure = "infrastructure";

    /// <summary>
    /// A service's messaging check (its outbox and the bus's receive endpoints), answered by the
    /// gRPC health service under "scoring.messaging" and the like, and under "" with everything.
    /// </summary>
    public static string Messaging(string service) => service + ".messaging";
}
