using System.Collections.Concurrent;

namespace Platform.FaultRunner;

/// <summary>What the distribution's calls were answered: the draft, each payout answered paid and its fen, how far it got.</summary>
internal sealed class DistributionBook
{
    /// <summary>Payouts answered paid: payout id → (member, fen as answered).</summary>
    public ConcurrentDictionary<string, (long MemberId, long AmountFen)> Paid { get; } = new();

    public CallTally Tally { get; } = new();

    public string? CooperativeCode { get; set; }

    public long DistributionId { get; set; }

    /// <summary>The allocated fen and the members owed something, as the draft was answered.</summary>
    public long AllocatedFen { get; set; }

    public int Owed { get; set; }

    /// <summary>The step it was at when the load ended or a step went unanswered (null once it finished).</summary>
    public string? Stopped { get; set; } = "not started";

    /// <summary>Every payout answered paid and the distribution answered in its final state (paid).</summary>
    public bool Completed { get; set; }

    /// <summary>Seconds into the load when each step was answered, for the log.</summary>
    public ConcurrentQueue<string> Steps { get; } = new();

    public string Summary()
    {
        if (CooperativeCode is null)
        {
            return $"distribution not started ({Stopped})";
        }

        var state = Completed ? "completed" : $"not completed ({Stopped})";
        return $"distribution paid {Paid.Count}/{Owed} ({Paid.Values.Sum(p => p.AmountFen)}/{AllocatedFen} fen, {state}, " +
            $"{Tally.Abandoned} abandoned, {Tally.Retried} sent again, {Tally.Unavailable} unavailable)";
    }
}
