using System.Collections.Concurrent;
using Platform.Contracts.Redemption.V1;

namespace Platform.FaultRunner;

/// <summary>What the load's calls were answered (or not), kept to check the platform's figures against.</summary>
internal sealed class Books
{
    public ConcurrentDictionary<string, (Outcome Outcome, Receipt? Receipt, string Reason)> Orders { get; } = new();

    public ConcurrentDictionary<string, (string OrderId, Outcome Outcome, long Refunded)> Returns { get; } = new();

    /// <summary>A direct hold (Ledger.Hold): what was done after it, and the hold's status in that answer (a release of an expired hold answers it expired).</summary>
    public ConcurrentDictionary<string, (Outcome Held, string Then, Outcome ThenOutcome, int AnsweredStatus)> Holds { get; } = new();

    public ConcurrentBag<string> Merged { get; } = [];

    public DistributionBook Distribution { get; } = new();

    public int Proposals;
    public int ProposalsPosted;
    public int Sheets;
    public int Registered;
    public int PostDueCalls;

    public string Summary()
    {
        var orders = Orders.Values.ToList();
        return $"redeem {orders.Count} (ok {orders.Count(o => o.Outcome == Outcome.Done)}, refused {orders.Count(o => o.Outcome == Outcome.Refused)}, " +
            $"unknown {orders.Count(o => o.Outcome == Outcome.Unknown)}), returns {Returns.Values.Count(r => r.Outcome == Outcome.Done)}/{Returns.Count}, " +
            $"holds {Holds.Count}, proposals {Proposals}, sheets {Sheets}, registered {Registered}, merged {Merged.Count}, " + Distribution.Summary();
    }
}
