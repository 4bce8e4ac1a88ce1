using System.Diagnostics;

namespace Platform.FaultRunner;

/// <summary>
/// Injects the plan's faults in order at their times from the start of the load; a fault's
/// part is started again (and waited for) before the next fault, so faults never overlap.
/// </summary>
internal sealed class FaultDriver(Deployment deployment, RunPlan plan, TextWriter log)
{
    private readonly Dictionary<FaultKind, int> injected = [];

    public IReadOnlyDictionary<FaultKind, int> Injected => injected;

    public async Task RunAsync(Stopwatch clock, CancellationToken stop)
    {
        foreach (var fault in plan.Faults)
        {
            var wait = fault.At - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await Note($"{clock.Elapsed.TotalSeconds:0.0}s injecting {fault}");
            await InjectAsync(fault);
            injected[fault.Kind] = injected.GetValueOrDefault(fault.Kind) + 1;
            await Note($"{clock.Elapsed.TotalSeconds:0.0}s recovered from {Fault.Label(fault.Kind)}");
        }
    }

    private async Task InjectAsync(Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.KillScoringReplica:
            case FaultKind.KillRedemptionReplica:
            case FaultKind.KillDividends:
                var node = fault.Kind switch
                {
                    FaultKind.KillScoringReplica => deployment.ScoringReplicas[fault.Replica - 1],
                    FaultKind.KillRedemptionReplica => deployment.RedemptionReplicas[fault.Replica - 1],
                    _ => deployment.DividendsNode!,
                };
                await Note($"kill -9 {node.Name} (pid {node.Pid})");
                node.Kill();
                await Task.Delay(fault.Lasts);
                await Deployment.RestartAsync(node);
                break;
            case FaultKind.KillPostgres:
                await Note($"kill -9 PostgreSQL: {deployment.Infra.KillPostgres()} processes");
                await Task.Delay(fault.Lasts);
                await deployment.Infra.UpAsync(log);
                break;
            case FaultKind.KillRabbitMq:
                await Note($"kill -9 RabbitMQ: {deployment.Infra.KillRabbitMq()} processes");
                await Task.Delay(fault.Lasts);
                await deployment.Infra.UpAsync(log);
                break;
            case FaultKind.FlushRedis:
                await deployment.Infra.FlushRedisAsync();
                break;
            case FaultKind.SlowLink:
                deployment.Link!.Delay = fault.SlowDelay;
                await Task.Delay(fault.Lasts);
                deployment.Link.Delay = TimeSpan.Zero;
                break;
        }
    }

    private async Task Note(string line)
    {
        await log.WriteLineAsync($"[fault] {DateTime.UtcNow:HH:mm:ss.fff} {line}");
        await log.FlushAsync();
    }
}
