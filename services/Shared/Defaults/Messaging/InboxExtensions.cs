using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Data;

namespace Platform.ServiceDefaults.Messaging;

public static class InboxExtensions
{
    /// <summary>
    /// Runs a consumer's effect at most once per message: the handled message id is saved in
    /// the same transaction as the effect. Returns false, changing nothing, when the message
    /// was already handled (a redelivery, or a duplicate from the outbox relay).
    /// </summary>
    public static async Task<bool> HandleOnceAsync<TDb>(
        this TDb db, Guid messageId, string consumer, Func<CancellationToken, Task> effect,
        TimeProvider time, CancellationToken cancellationToken)
        where TDb : DbContext, IOutboxDbContext
    {
        if (await AlreadyHandled(db, messageId, consumer, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.InboxMessages.Add(new InboxMessage
        {
            MessageId = messageId,
            Consumer = consumer,
            HandledAt = time.GetUtcNow().UtcDateTime,
        });
        await effect(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // A concurrent delivery of the same message may have won the race; if so this one
            // is a duplicate. Any other conflict is a real failure and goes to retry.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            if (await AlreadyHandled(db, messageId, consumer, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private static Task<bool> AlreadyHandled<TDb>(TDb db, Guid messageId, string consumer, CancellationToken cancellationToken)
        where TDb : DbContext, IOutboxDbContext =>
        db.InboxMessages.AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, cancellationToken);
}
