using Platform.Scoring.Ledger;

namespace Platform.Scoring.Awards;

/// <summary>
/// The background work of Scoring: posts proposals whose public notice closed, ends holds
/// whose time ran out, and expires points at month starts where a village wants it (decision 0014). Safe with several replicas: both are conditional, set-based updates.
/// </summary>
internal sealed class ScoringJobs(IServiceScopeFactory scopes, TimeProvider time, ILogger<ScoringJobs> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
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
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Scoring background work failed; retrying in {Interval}", Interval);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
