namespace Platform.ServiceDefaults.Hosting;

/// <summary>How the platform runs: all in one process on a village office PC, or spread out.</summary>
public enum PlatformMode
{
    /// <summary>One process, SQLite files, the in-memory bus, in-process stand-ins for Redis.</summary>
    Embedded,

    /// <summary>A process per service, PostgreSQL, RabbitMQ and Redis.</summary>
    Distributed,
}
