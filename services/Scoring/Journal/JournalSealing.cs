using Microsoft.Extensions.Options;

namespace Platform.Scoring.Journal;

/// <summary>Seals every village's new entries every few seconds.</summary>
internal sealed class JournalSealing(IServiceScopeFactory scopes, IOptions<ScoringSettings> settings, TimeProvider time, ILogger<JournalSealing> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(settings.Value.JournalSealSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var sealer = scope.ServiceProvider.GetRequiredService<JournalSealer>();
                foreach (var village in await sealer.PendingVillagesAsync(stoppingToken))
                {
                    await sealer.SealAsync(village, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Sealing the journal failed; it runs again in {Interval}.", interval);
            }
        }
    }
}
