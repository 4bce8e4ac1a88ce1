using System.Diagnostics;

namespace Platform.FaultRunner;

/// <summary>What one seed's run did and found.</summary>
internal sealed record RunResult(int Seed, IReadOnlyDictionary<string, int> Faults, string Operations, IReadOnlyList<Verdict> Verdicts, TimeSpan Took, string Logs)
{
    public bool Passed => Verdicts.Count > 0 && Verdicts.All(v => v.Passed);

    public string Line()
    {
        var faults = Faults.Count == 0 ? "none" : string.Join(" ", Faults.Where(f => f.Value > 0).Select(f => $"{f.Key}×{f.Value}"));
        return $"seed {Seed} {(Passed ? "PASS" : "FAIL")} | faults {faults} | ops {Operations} | checks {Verdicts.Count(v => v.Passed)}/{Verdicts.Count} passed | {Took.TotalSeconds:0} s";
    }
}

/// <summary>One seed: the platform started fresh, set up, loaded while the faults strike, drained, checked.</summary>
internal sealed class Runner(string repo, Infra infra, Ports ports, Options options)
{
    /// <summary>How long after the load ends (every part back) pending orders, returns and unsent events may remain.</summary>
    public static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(60);

    public async Task<RunResult> RunAsync(int seed)
    {
        var took = Stopwatch.StartNew();
        var plan = RunPlan.From(seed, options.LoadFor, options.Faults);
        var logs = Path.Combine(repo, ".local", "fault-runs", $"seed-{seed}");
        if (Directory.Exists(logs))
        {
            Directory.Delete(logs, recursive: true);
        }

        Directory.CreateDirectory(logs);
        await using var log = new StreamWriter(Path.Combine(logs, "runner.log")) { AutoFlush = true };
        await log.WriteLineAsync($"seed {seed}: {plan.Describe()}");

        var calls = new Calls();
        var books = new Books();
        var verdicts = new List<Verdict>();
        var faults = new Dictionary<string, int>();
        var deployment = new Deployment(repo, infra, ports, seed, logs);
        using var stop = new CancellationTokenSource();
        var loadTask = Task.CompletedTask;
        try
        {
            await infra.EnsureUpAsync(log);
            await deployment.StartAsync(log);
            var load = new Load(deployment, plan, calls, books, new CooperativeDistribution(books.Distribution, log), log);
            await load.SetUpAsync(CancellationToken.None);
            await log.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss.fff} set up in {took.Elapsed.TotalSeconds:0} s; load starts");
            var clock = Stopwatch.StartNew();
            var driver = new FaultDriver(deployment, plan, log);
            loadTask = load.RunAsync(stop.Token);
            var faultTask = driver.RunAsync(clock, stop.Token);
            // The load runs its planned time and, when slow restarts push faults past it, until the last fault
            // has recovered and a few seconds more: every planned fault strikes under load.
            await Task.Delay(plan.LoadFor);
            if (!faultTask.IsCompleted)
            {
                await faultTask;
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            await stop.CancelAsync();
            await faultTask;
            await loadTask;
            foreach (var (kind, count) in driver.Injected)
            {
                faults[Fault.Label(kind)] = count;
            }

            faults["abandoned"] = calls.Abandoned;
            await log.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss.fff} load done at {clock.Elapsed.TotalSeconds:0} s: {books.Summary()}, {calls.Retried} calls sent again");

            deployment.Link!.Delay = TimeSpan.Zero;
            await infra.EnsureUpAsync(log);
            await deployment.EnsureRunningAsync();
            var drained = await DrainAsync(deployment);
            await log.WriteLineAsync($"{DateTime.UtcNow:HH:mm:ss.fff} drained in {drained.TotalSeconds:0.0} s");
            var queues = await infra.QueueDepthsAsync(deployment.VirtualHost);
            verdicts.AddRange(await new Checks(deployment, plan, books, calls, driver.Injected.ContainsKey(FaultKind.FlushRedis), queues).RunAsync());
        }
        catch (Exception ex)
        {
            await log.WriteLineAsync($"run failed: {ex}");
            verdicts.Add(new Verdict("run-completed", false, $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}"));
            // Nothing of this run may go on calling into the next one's processes (same ports).
            calls.Abort();
            await stop.CancelAsync();
            try
            {
                await loadTask;
            }
            catch (Exception late)
            {
                await log.WriteLineAsync($"the load after the failure: {late.Message}");
            }
        }
        finally
        {
            await deployment.DisposeAsync();
        }

        foreach (var verdict in verdicts)
        {
            await log.WriteLineAsync($"check {verdict.Check}: {(verdict.Passed ? "passed" : "VIOLATED")}: {verdict.Detail}");
        }

        var result = new RunResult(seed, faults, books.Summary(), verdicts, took.Elapsed, logs);
        if (result.Passed)
        {
            try
            {
                await deployment.DropAsync(log);
            }
            catch (Exception ex)
            {
                await log.WriteLineAsync($"cleanup: {ex.Message}");
            }
        }

        await log.FlushAsync();
        if (result.Passed && !options.KeepLogs)
        {
            await log.DisposeAsync();
            Directory.Delete(logs, recursive: true);
        }

        return result;
    }

    private const string ConsumedEvents = """
        SELECT count(*) FROM outbox_messages
        WHERE type LIKE '%.HouseholdRegistered,%' OR type LIKE '%.HouseholdChanged,%' OR type LIKE '%.VillageRegistered,%'
        """;

    private const string HandledEvents =
        "SELECT count(*) FROM inbox_messages WHERE consumer IN ('HouseholdRegisteredConsumer', 'HouseholdChangedConsumer', 'VillageRegisteredConsumer')";

    /// <summary>Waits until nothing is pending or unsent (or the recovery bound passes; the checks then name what is left).</summary>
    private static async Task<TimeSpan> DrainAsync(Deployment deployment)
    {
        var clock = Stopwatch.StartNew();
        var s = deployment.Infra.ConnectionString(deployment.ScoringDb);
        var r = deployment.Infra.ConnectionString(deployment.RedemptionDb);
        var d = deployment.Infra.ConnectionString(deployment.DividendsDb);
        while (clock.Elapsed < RecoveryBound)
        {
            try
            {
                var left = await Sql.ScalarAsync(s, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL")
                    + await Sql.ScalarAsync(r, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL")
                    + await Sql.ScalarAsync(d, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL")
                    + await Sql.ScalarAsync(r, "SELECT (SELECT count(*) FROM orders WHERE status = 1) + (SELECT count(*) FROM returns WHERE status = 1)")
                    + await Sql.ScalarAsync(s, "SELECT count(*) FROM holds WHERE status = 1 AND expires_at < now() - interval '45 seconds'")
                    + Math.Max(0, await Sql.ScalarAsync(s, ConsumedEvents) - await Sql.ScalarAsync(r, HandledEvents));
                // Then the queues: every message delivered and acknowledged (error queues are the checks' business).
                if (left == 0 && (await deployment.Infra.QueueDepthsAsync(deployment.VirtualHost))
                        .Where(q => !q.Key.EndsWith("_error", StringComparison.Ordinal) && !q.Key.EndsWith("_skipped", StringComparison.Ordinal)).Sum(q => q.Value) == 0)
                {
                    return clock.Elapsed;
                }
            }
            catch (Npgsql.NpgsqlException)
            {
                // The database is still coming back.
            }

            await Task.Delay(1000);
        }

        return clock.Elapsed;
    }
}
