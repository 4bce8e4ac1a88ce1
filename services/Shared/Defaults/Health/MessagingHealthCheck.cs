using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.ServiceDefaults.Health;

/// <summary>
/// A service's messaging as its callers' events see it: the age of the oldest unsent outbox row
/// and the state of each receive endpoint of the bus. Unhealthy once either has been wrong for
/// longer than <see cref="MessagingOptions.UnhealthyAfter"/>: a broker that is down for a few
/// seconds, or an endpoint reconnecting, is normal; a relay that stopped, or an endpoint that
/// never came back, is not. A singleton, so it remembers since when the endpoints are not ready.
/// </summary>
internal sealed class MessagingHealthCheck<TDb>(
    IServiceScopeFactory scopes,
    SchemaReady<TDb> schema,
    IBusControl bus,
    TimeProvider time,
    IOptions<MessagingOptions> options) : IHealthCheck
    where TDb : DbContext, IOutboxDbContext
{
    private readonly Lock gate = new();
    private DateTimeOffset? endpointsNotReadySince;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = options.Value.UnhealthyAfter;
        var now = time.GetUtcNow();
        var data = new Dictionary<string, object>();
        var problems = new List<string>();

        if (!schema.Ready)
        {
            data["outbox_error"] = "the database schema is still being brought up to date";
        }
        else
        {
            await OutboxAsync(now, limit, data, problems, cancellationToken);
        }

        var health = bus.CheckHealth();
        foreach (var (name, endpoint) in health.Endpoints)
        {
            data[$"endpoint {name}"] = endpoint.Description is { Length: > 0 } description ? $"{endpoint.Status}: {description}" : endpoint.Status.ToString();
        }

        var notReady = health.Endpoints.Where(e => e.Value.Status != BusHealthStatus.Healthy).Select(e => e.Key).ToList();
        var since = NotReadySince(notReady.Count > 0, now);
        if (since is { } from && now - from > limit)
        {
            problems.Add($"receive endpoints not ready for {(long)(now - from).TotalSeconds} s: {string.Join(", ", notReady)}");
        }

        return problems.Count == 0
            ? HealthCheckResult.Healthy("messaging works", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data);
    }

    private DateTimeOffset? NotReadySince(bool notReady, DateTimeOffset now)
    {
        lock (gate)
        {
            endpointsNotReadySince = notReady ? endpointsNotReadySince ?? now : null;
            return endpointsNotReadySince;
        }
    }

    /// <summary>The age and count of the unsent outbox rows, or why they are unknown.</summary>
    private async Task OutboxAsync(DateTimeOffset now, TimeSpan limit, Dictionary<string, object> data, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            var unsent = db.OutboxMessages.Where(m => m.SentAt == null);
            var oldest = await unsent.OrderBy(m => m.Sequence).Select(m => (DateTime?)m.OccurredAt).FirstOrDefaultAsync(cancellationToken);
            var age = oldest is { } at ? now.UtcDateTime - DateTime.SpecifyKind(at, DateTimeKind.Utc) : TimeSpan.Zero;
            data["outbox_unsent"] = oldest is null ? 0 : await unsent.CountAsync(cancellationToken);
            data["outbox_oldest_unsent_age_seconds"] = Math.Max(0, (long)age.TotalSeconds);
            if (age > limit)
            {
                problems.Add($"the oldest unsent event of {typeof(TDb).Name} is {(long)age.TotalSeconds} s old");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database check reports the database; here it only means the age is unknown.
            data["outbox_error"] = ex.Message;
        }
    }
}
