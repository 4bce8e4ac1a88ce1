namespace Platform.FaultRunner;

/// <summary>
/// A cooperative's year under the run's faults: a distribution drafted, approved and paid.
/// TODO(issue 19): Dividends' approval is being changed to signatures by rostered board members;
/// write the scenario against that API once it lands (register a cooperative, members from the
/// run's households, holdings, a draft, the board's signatures, publish, pay every payout with a
/// lost answer now and then, retry each). Until then the runner uses <see cref="NoDistribution"/>
/// and the payout checks run over whatever payouts the Dividends database holds.
/// </summary>
internal interface IDistributionScenario
{
    string Name { get; }

    Task SetUpAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken ct);

    Task RunAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken stop);
}

/// <summary>No distribution is driven (see <see cref="IDistributionScenario"/>).</summary>
internal sealed class NoDistribution : IDistributionScenario
{
    public string Name => "none (issue 19 pending)";

    public Task SetUpAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken ct) => Task.CompletedTask;

    public Task RunAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken stop) => Task.CompletedTask;
}
