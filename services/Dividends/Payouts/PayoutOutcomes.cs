using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Dividends.Data;
using Platform.Dividends.Distributions;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Dividends.Payouts;

/// <summary>
/// Records a pending payout's outcome by a conditional update (… WHERE status = pending), so a
/// payout is paid at most once however often, and however concurrently, its outcome arrives. A
/// payment writes DividendPaid to the outbox and marks the distribution paid when it was the last.
/// </summary>
internal static class PayoutOutcomes
{
    /// <returns>Whether this call moved the payout, and the payout as it now stands (null: no such payout).</returns>
    public static async Task<(bool Changed, Payout? Payout)> ApplyAsync(
        DividendsDb db, string id, bool paid, string? note, DateTimeOffset now, CancellationToken ct)
    {
        var changed = paid
            ? await db.Payouts.Where(p => p.PayoutId == id && p.Status == PayoutStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PayoutStatus.Paid)
                .SetProperty(p => p.PaidAt, now.UtcDateTime)
                .SetProperty(p => p.Reference, note)
                .SetProperty(p => p.Attempts, p => p.Attempts + 1), ct)
            : await db.Payouts.Where(p => p.PayoutId == id && p.Status == PayoutStatus.Pending).ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, PayoutStatus.Failed)
                .SetProperty(p => p.FailureReason, note)
                .SetProperty(p => p.Attempts, p => p.Attempts + 1), ct);
        var payout = await db.Payouts.AsNoTracking().FirstOrDefaultAsync(p => p.PayoutId == id, ct);
        if (changed == 1 && paid && payout is not null)
        {
            db.AddEvent(new DividendPaid(Guid.NewGuid(), now, payout.PayoutId, payout.DistributionId, payout.CooperativeCode,
                payout.MemberId, payout.AmountFen, payout.Method.ToString()));
            await db.SaveChangesAsync(ct);
            await MarkPaidWhenCompleteAsync(db, payout.DistributionId, ct);
        }

        return (changed == 1, payout);
    }

    private static async Task MarkPaidWhenCompleteAsync(DividendsDb db, long distributionId, CancellationToken ct)
    {
        var owed = await db.AllocationLines.CountAsync(l => l.DistributionId == distributionId && l.TotalFen > 0, ct);
        var paid = await db.Payouts.CountAsync(p => p.DistributionId == distributionId && p.Status == PayoutStatus.Paid, ct);
        if (paid == owed)
        {
            await db.Distributions.Where(d => d.Id == distributionId && d.Status == DistributionStatus.Published)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DistributionStatus.Paid).SetProperty(d => d.Revision, d => d.Revision + 1), ct);
        }
    }
}
