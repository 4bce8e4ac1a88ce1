using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Ledger;

/// <summary>
/// Points given back when goods are returned at the supermarket. A refund is a new entry naming
/// the hold; a conditional update on the hold keeps all refunds of it within what it captured,
/// however many returns arrive at once.
/// </summary>
internal sealed class HoldRefunds(ScoringDb db, TimeProvider time)
{
    public async Task<(LedgerEntry Entry, string HouseholdNumber)> RefundAsync(
        string holdId, long points, string actor, string reason, string requestId, CancellationToken cancellationToken)
    {
        var hold = await db.Holds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == holdId, cancellationToken)
            ?? throw DomainException.NotFound("HOLD_NOT_FOUND", $"There is no hold {holdId}; nothing was spent under that order id.");
        if (hold.Status != HoldStatus.Captured)
        {
            throw DomainException.Precondition("HOLD_NOT_CAPTURED",
                $"Hold {holdId} is {hold.Status.ToString().ToLowerInvariant()}, not captured: its points were never spent, so there is nothing to give back.");
        }

        var claimed = await db.Database.ExecuteSqlAsync(
            $"UPDATE holds SET refunded = refunded + {points} WHERE id = {holdId} AND status = {(int)HoldStatus.Captured} AND refunded + {points} <= points",
            cancellationToken);
        if (claimed == 0)
        {
            var left = await db.Holds.Where(h => h.Id == holdId).Select(h => h.Points - h.Refunded).FirstAsync(cancellationToken);
            throw DomainException.Precondition("REFUND_EXCEEDS_CAPTURE",
                $"Hold {holdId} spent {hold.Points} points and {left} of them can still be given back; {points} were asked for.",
                ("refundable", left.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var entry = new LedgerEntry
        {
            HouseholdId = hold.HouseholdId,
            VillageCode = hold.VillageCode,
            Kind = EntryKind.Refund,
            Points = points,
            Actor = actor,
            At = now,
            Reason = reason,
            RequestId = requestId,
            Period = Period.Of(now),
            HoldId = holdId,
        };
        db.Entries.Add(entry);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE accounts SET balance = balance + {points}, captured = captured - {points} WHERE household_id = {hold.HouseholdId}",
            cancellationToken);
        var number = await db.Households.Where(h => h.Id == hold.HouseholdId).Select(h => h.Number).FirstAsync(cancellationToken);
        db.AddEvent(new HoldRefunded(Guid.NewGuid(), time.GetUtcNow(), holdId, hold.VillageCode, number, points, requestId));
        await db.SaveChangesAsync(cancellationToken);
        return (entry, number);
    }
}
