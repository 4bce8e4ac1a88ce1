using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Audit;

public static class AuditExtensions
{
    /// <summary>Keeps the audit trail of the RPCs of this proto package ("platform.scoring.v1") in TDb.</summary>
    public static IServiceCollection AddAuditTrail<TDb>(this IServiceCollection services, string package)
        where TDb : DbContext, IAuditDbContext
    {
        services.AddSingleton<IAuditWriter>(sp => new AuditWriter<TDb>(package, sp.GetRequiredService<IServiceScopeFactory>()));
        // The service's DbContext saves the running call's record with its change (AddServiceDatabase adds these).
        services.AddKeyedSingleton<IInterceptor>(typeof(TDb), new AuditOnSave<TDb>(package));
        services.AddKeyedSingleton<IInterceptor>(typeof(TDb), new AuditOnCommit());
        return services;
    }
}
