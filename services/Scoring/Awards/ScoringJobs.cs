using Platform.Scoring.Ledger;

namespace Platform.Scoring.Awards;

/// <summary>
/// The background work of Scoring: posts proposals whose public notice closed, ends holds
/// whose time ran out, and expires points at month starts where a village wants it (decision 0014). Safe with several replicas: all are conditional, set-based updates.
/// </summary>
internal sealed class ScoringJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<ScoringJobs> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The first wait after a pass that failed (the database down or restarting), doubled after
    /// each further failure up to <see cref="Interval"/>. A whole interval after a failure kept an
    /// expired hold's points held up to two intervals after its end (the fault runner, seed 1090:
    /// a PostgreSQL restart made both replicas' passes fail at once).
    /// </summary>
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Interval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var posted = await scope.ServiceProvider.GetRequiredService<AwardsPosting>().PostDueAsync(null, stoppingToken);
                var expired = await scope.ServiceProvider.GetRequiredService<PointsLedger>().ExpireHoldsAsync(stoppingToken);
                var points = await scope.ServiceProvider.GetRequiredService<Expiry.ExpiryJob>().RunAsync(stoppingToken);
                if (points.Villages > 0 || points.Notices > 0)
                {
                    logger.LogInformation("Expired {Points} points in {Villages} villages; sent {Notices} expiry notices", points.Points, points.Villages, points.Notices);
                }

                if (posted.Posted > 0 || expired > 0)
                {
                    logger.LogInformation("Posted {Posted} proposals ({Points} points); expired {Expired} holds", posted.Posted, posted.Points, expired);
                }

                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                wait = TimeSpan.FromTicks(Math.Min(RetryAfterFailure.Ticks << Math.Min(failures++, 8), Interval.Ticks));
                logger.LogWarning(ex, "Scoring background work failed; retrying in {Interval}", wait);
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
