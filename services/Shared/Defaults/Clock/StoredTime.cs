using Google.Protobuf.WellKnownTypes;

namespace Platform.ServiceDefaults.Clock;

/// <summary>
/// Times as the databases keep them. PostgreSQL stores microseconds, .NET counts 100 ns: an
/// answer built from the clock would differ from the same answer read back on a retry. Every time
/// a service answers with is cut to the microsecond, so a replay is byte for byte the first answer.
/// </summary>
public static class StoredTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTime Truncate(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), DateTimeKind.Utc);

    public static Timestamp Stamp(DateTime utc) => Timestamp.FromDateTime(Truncate(utc));

    public static Timestamp? Stamp(DateTime? utc) => utc is { } t ? Stamp(t) : null;
}
