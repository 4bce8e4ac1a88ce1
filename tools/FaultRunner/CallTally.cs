namespace Platform.FaultRunner;

/// <summary>How many of a part's calls were abandoned and sent again (and how many of those for want of the service).</summary>
internal sealed class CallTally
{
    private int abandoned;
    private int retried;
    private int unavailable;

    public int Abandoned => abandoned;

    public int Retried => retried;

    /// <summary>Attempts answered Unavailable: the service (or its database) was down.</summary>
    public int Unavailable => unavailable;

    public void CountAbandoned() => Interlocked.Increment(ref abandoned);

    public void CountRetried(Grpc.Core.StatusCode status)
    {
        Interlocked.Increment(ref retried);
        if (status == Grpc.Core.StatusCode.Unavailable)
        {
            Interlocked.Increment(ref unavailable);
        }
    }
}
