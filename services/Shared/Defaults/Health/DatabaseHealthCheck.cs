using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.ServiceDefaults.Health;

/// <summary>Healthy when the service's own database answers a query.</summary>
internal sealed class DatabaseHealthCheck<TDb>(IServiceScopeFactory scopes) : IHealthCheck
    where TDb : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TDb>();
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{typeof(TDb).Name}: the database does not accept connections");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy($"{typeof(TDb).Name}: {ex.Message}", ex);
        }
    }
}
