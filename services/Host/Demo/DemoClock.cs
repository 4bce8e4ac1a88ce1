using System.Diagnostics;

namespace Platform.Host.Demo;

/// <summary>
/// The business clock of the demo's host: set to a moment of the past, from which it runs on at
/// the real pace (so entries written in one step keep their order), and only ever moved forward.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset anchor;
    private long anchorTimestamp;

    public DemoClock(DateTimeOffset start)
    {
        anchor = start;
        anchorTimestamp = Stopwatch.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            return anchor + Stopwatch.GetElapsedTime(anchorTimestamp);
        }
    }

    /// <summary>Moves the clock to <paramref name="moment"/>, which must not be before the clock's now.</summary>
    public void MoveTo(DateTimeOffset moment)
    {
        lock (gate)
        {
            var now = anchor + Stopwatch.GetElapsedTime(anchorTimestamp);
            if (moment < now)
            {
                throw new InvalidOperationException($"The demo's history runs forward: {moment:u} is before the clock's {now:u}.");
            }

            if (moment > DateTimeOffset.UtcNow)
            {
                throw new InvalidOperationException($"The demo's history ends today: {moment:u} is still to come.");
            }

            anchor = moment;
            anchorTimestamp = Stopwatch.GetTimestamp();
        }
    }
}
