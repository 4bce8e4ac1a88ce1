namespace Platform.FaultRunner;

/// <summary>
/// A cooperative's year under the run's faults: a distribution drafted, approved and paid
/// (<see cref="CooperativeDistribution"/>). The load sets it up with the rest and runs it beside
/// its other workers until told to stop.
/// </summary>
internal interface IDistributionScenario
{
    string Name { get; }

    Task SetUpAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken ct);

    Task RunAsync(Deployment deployment, RunPlan plan, Calls calls, CancellationToken stop);
}
