using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Redemption.Data;

namespace Platform.Redemption.Orders;

/// <summary>
/// Finishes or cancels orders and returns left pending by a timeout or a crash. Idempotent:
/// each settles with what Scoring knows, and completing or cancelling twice has one effect.
/// </summary>
internal sealed class RecoveryWorker(IServiceScopeFactory scopes, IOptions<RedemptionSettings> settings, TimeProvider time, ILogger<RecoveryWorker> log)
    : BackgroundService
{
    public const int Batch = 100;

    /// <summary>
    /// One pass: settles pending orders no request is driving (<see cref="Redemptions.RecoverAsync"/>
    /// decides which) and pending returns older than <paramref name="olderThan"/>.
    /// </summary>
    public static async Task<int> RunOnceAsync(IServiceProvider services, TimeSpan olderThan, CancellationToken ct)
    {
        var db = services.GetRequiredService<RedemptionDb>();
        var redemptions = services.GetRequiredService<Redemptions>();
        var returns = services.GetRequiredService<Returns>();
        var time = services.GetRequiredService<TimeProvider>();
        var flights = services.GetRequiredService<CounterFlights>();
        var before = time.GetUtcNow().UtcDateTime - olderThan;
        var settled = 0;
        var orderIds = await db.Orders.AsNoTracking().Where(o => o.Status == OrderStatus.Pending)
            .OrderBy(o => o.CreatedAt).Select(o => o.Id).Take(Batch).ToListAsync(ct);
        // Orders a request here is still driving are not even read: under load they are most of the pending ones.
        foreach (var id in orderIds.Where(id => !flights.InFlight(id)))
        {
            if (await redemptions.FindAsync(id, ct) is { Status: OrderStatus.Pending } order
                && (await redemptions.RecoverAsync(order, ct)).Status != OrderStatus.Pending)
            {
                settled++;
            }
        }

        var returnIds = await db.Returns.AsNoTracking().Where(r => r.Status == OrderStatus.Pending && r.CreatedAt <= before)
            .OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(Batch).ToListAsync(ct);
        foreach (var id in returnIds)
        {
            if (await returns.FindAsync(id, ct) is { Status: OrderStatus.Pending } pending
                && (await returns.SettleAsync(pending, ct)).Status != OrderStatus.Pending)
            {
                settled++;
            }
        }

        return settled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(settings.Value.RecoveryIntervalSeconds);
        // A short first wait: after a crash, the restarted process settles what it left behind.
        var minimumAge = TimeSpan.FromSeconds(settings.Value.RecoveryMinimumAgeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var settled = await RunOnceAsync(scope.ServiceProvider, minimumAge, stoppingToken);
                if (settled > 0)
                {
                    log.LogInformation("Recovery settled {Count} pending orders or returns.", settled);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Recovery pass failed; it runs again in {Interval}.", interval);
            }
        }
    }
}
