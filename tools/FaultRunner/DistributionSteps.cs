using Grpc.Core;

namespace Platform.FaultRunner;

/// <summary>The calls of one run of the distribution scenario: each a step that must be answered with a result.</summary>
internal sealed class DistributionSteps(RunPlan plan, Calls calls, DistributionBook book, Random random, CancellationToken stop)
{
    public Random Random => random;

    public RunPlan Plan => plan;

    public Calls Calls => calls;

    public CancellationToken Stop => stop;

    public void StopIfAsked(string where)
    {
        if (stop.IsCancellationRequested)
        {
            throw new StepNotDoneException($"the load ended before {where}");
        }
    }

    /// <summary>
    /// Sends the step (its first attempt abandoned at the plan's rate, then sent again under its
    /// key) until answered. A refusal is unexpected (every step is one that must succeed) and is
    /// reported with the other unexpected answers; a step left unanswered ends the scenario.
    /// </summary>
    public async Task<T> Must<T>(string what, Func<CallOptions, AsyncUnaryCall<T>> call, bool checkStop = true)
        where T : class
    {
        if (checkStop)
        {
            StopIfAsked(what);
        }

        var abandon = random.NextDouble() < plan.AbandonRate;
        var after = TimeSpan.FromMilliseconds(random.Next(1, 40));
        var (outcome, answer, reason) = await calls.SendAsync($"distribution {what}", call, abandon ? after : null, sendAgainAfterAbandon: true, book.Tally);
        switch (outcome)
        {
            case Outcome.Done:
                return answer!;
            case Outcome.Refused:
                calls.Unexpected($"distribution {what}: refused {reason}");
                throw new StepNotDoneException($"{what} refused ({reason})");
            case Outcome.Failed:
                throw new StepNotDoneException($"{what} failed ({reason})");
            default:
                throw new StepNotDoneException($"{what} unanswered ({reason})");
        }
    }
}
