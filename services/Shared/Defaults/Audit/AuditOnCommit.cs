using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.ServiceDefaults.Audit;

/// <summary>Tells the running call (<see cref="AuditCall"/>) whether the transaction holding its record committed.</summary>
internal sealed class AuditOnCommit : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        AuditCall.Current?.Committed(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AuditCall.Current?.Committed(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        AuditCall.Current?.Undone(inTransaction: transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AuditCall.Current?.Undone(inTransaction: transaction);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) =>
        AuditCall.Current?.Undone(inTransaction: transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        AuditCall.Current?.Undone(inTransaction: transaction);
        return Task.CompletedTask;
    }
}
