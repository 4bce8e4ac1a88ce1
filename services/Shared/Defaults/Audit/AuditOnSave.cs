using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Adds the running call's audit record (<see cref="AuditCall"/>) to the first save of the
/// service's DbContext that changes something, so the record commits or rolls back with the change.
/// </summary>
internal sealed class AuditOnSave<TDb>(string package) : SaveChangesInterceptor
    where TDb : DbContext, IAuditDbContext
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stage(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Stage(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Stage(DbContext? context)
    {
        if (context is not TDb db || AuditCall.Current is not { } call || call.Package != package)
        {
            return;
        }

        if (context.ChangeTracker.AutoDetectChangesEnabled)
        {
            context.ChangeTracker.DetectChanges();
        }

        var changes = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not AuditRecord);
        if (changes && call.TryStage(context) is { } record)
        {
            db.AuditRecords.Add(StorableRecord.Of(record));
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is TDb && AuditCall.Current is { } call && call.Package == package)
        {
            call.Saved(context, context.Database.CurrentTransaction?.GetDbTransaction());
        }
    }

    private void Failed(DbContext? context)
    {
        if (context is not TDb || AuditCall.Current is not { } call || call.Package != package || !call.Stages(context))
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AuditRecord>().Where(e => e.State == EntityState.Added).ToList())
        {
            entry.State = EntityState.Detached;
        }

        call.Undone(save: context);
    }
}
