using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Audit;

public static class AuditExtensions
{
    /// <summary>Keeps the audit trail of the RPCs of this proto package ("platform.scoring.v1") in TDb.</summary>
    public static IServiceCollection AddAuditTrail<TDb>(this IServiceCollection services, string package)
        where TDb : DbContext, IAuditDbContext
    {
        services.AddSingleton<IAuditWriter>(sp => new AuditWriter<TDb>(package, sp.GetRequiredService<IServiceScopeFactory>()));
        return services;
    }
}
