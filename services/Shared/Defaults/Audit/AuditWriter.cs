using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Audit;

/// <summary>Saves audit records of one service's RPCs (by proto package) into that service's database.</summary>
public interface IAuditWriter
{
    string Package { get; }

    Task WriteAsync(AuditRecord record, CancellationToken ct);
}

internal sealed class AuditWriter<TDb>(string package, IServiceScopeFactory scopes) : IAuditWriter
    where TDb : Microsoft.EntityFrameworkCore.DbContext, IAuditDbContext
{
    public string Package => package;

    public async Task WriteAsync(AuditRecord record, CancellationToken ct)
    {
        // A scope of its own: the record is saved whether or not the call's own unit of work was.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        db.AuditRecords.Add(record);
        await db.SaveChangesAsync(ct);
    }
}
