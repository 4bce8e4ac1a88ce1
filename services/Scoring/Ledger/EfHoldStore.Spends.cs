using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Ledger;

/// <summary>The counter's one-call spend and its cancel, through EF Core.</summary>
internal sealed partial class EfHoldStore
{
    public async Task<HoldView> SpendAsync(
        string spendId, byte[] requestHash, string villageCode, string number, long points, string actor, CancellationToken cancellationToken)
    {
        var household = await lookups.HouseholdAsync(villageCode, number, cancellationToken);
        if (await db.Holds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == spendId, cancellationToken) is { } known)
        {
            return await ViewAsync(HoldRefusals.SpendOutcome(known, requestHash), null, cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var debited = await db.Database.ExecuteSqlAsync(
                $"UPDATE accounts SET balance = balance - {points}, captured = captured + {points} WHERE household_id = {household.Id} AND balance - held >= {points}",
                cancellationToken);
            if (debited == 0)
            {
                throw HoldRefusals.InsufficientPoints(household.Number, await AvailableAsync(household.Id, cancellationToken), points);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var entry = SpendEntry(household.Id, household.VillageCode, points, spendId, actor, now);
            db.Entries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            var spend = new Hold
            {
                Id = spendId,
                HouseholdId = household.Id,
                VillageCode = household.VillageCode,
                RequestHash = requestHash,
                Points = points,
                Status = HoldStatus.Captured,
                CreatedAt = now,
                ExpiresAt = now,
                EndedAt = now,
                EntryId = entry.Id,
                Actor = actor,
            };
            db.Holds.Add(spend);
            db.AddEvent(new HoldCaptured(Guid.NewGuid(), time.GetUtcNow(), spendId, household.VillageCode, household.Number, points, entry.Id));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ViewAsync(spend, household.Number, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same id arrived twice at once (or was cancelled meanwhile): the first row stands,
            // and this transaction, debit and all, rolled back.
            db.ChangeTracker.Clear();
            var first = await FindAsync(spendId, cancellationToken);
            return await ViewAsync(HoldRefusals.SpendOutcome(first, requestHash), null, cancellationToken);
        }
    }

    public async Task<HoldView> CancelSpendAsync(
        string spendId, byte[] requestHash, string villageCode, string number, string actor, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var known = await db.Holds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == spendId, cancellationToken);
            if (known is null)
            {
                if (await FenceAsync(spendId, requestHash, villageCode, number, actor, cancellationToken) is { } fenced)
                {
                    return fenced;
                }

                // A spend (or another cancel) of the id committed first: answer what it left.
                continue;
            }

            var owner = await NumberAsync(known.HouseholdId, cancellationToken);
            if (known.VillageCode != villageCode || owner != number)
            {
                throw HoldRefusals.SpendOfAnotherHousehold(spendId, owner);
            }

            var outcome = known.Status switch
            {
                HoldStatus.Active => await ReleaseForCancelAsync(known, owner, cancellationToken),
                HoldStatus.Captured => await RefundForCancelAsync(known, owner, actor, reason, attempt, cancellationToken),
                _ => await ViewAsync(known, owner, cancellationToken),
            };
            if (outcome is not null)
            {
                return outcome;
            }

            if (attempt == MaxAttempts)
            {
                // Returns and cancels of the id kept landing between this call's reads and writes.
                throw new DomainException(Grpc.Core.StatusCode.Aborted, "DATABASE_CONFLICT",
                    $"Order {spendId} kept changing while it was being cancelled; nothing more was done. Send the same cancel again.");
            }
        }
    }

    /// <summary>The idempotency key of a cancel's refund: one per spend id, so a second cancel finds the first's entry.</summary>
    public static string CancelKey(string spendId) => $"cancel:{spendId}";

    /// <summary>Reserves the id with a row of no points; null when a row of that id committed first.</summary>
    private async Task<HoldView?> FenceAsync(
        string spendId, byte[] requestHash, string villageCode, string number, string actor, CancellationToken cancellationToken)
    {
        // A merged household's order can still be cancelled: the fence moves no points.
        var household = await lookups.HouseholdAsync(villageCode, number, cancellationToken, mustBeActive: false);
        var fence = SpendFence.For(spendId, requestHash, household, actor, time.GetUtcNow().UtcDateTime);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Holds.Add(fence);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ViewAsync(fence, household.Number, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

    /// <summary>An active hold (the hold-then-capture path) under the id: released. Null when it ended meanwhile.</summary>
    private async Task<HoldView?> ReleaseForCancelAsync(Hold known, string number, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var released = await db.Database.ExecuteSqlAsync(
            $"UPDATE holds SET status = {(int)HoldStatus.Released} WHERE id = {known.Id} AND status = {(int)HoldStatus.Active}",
            cancellationToken);
        if (released == 0)
        {
            return null;
        }

        await db.Database.ExecuteSqlAsync(
            $"UPDATE accounts SET held = held - {known.Points} WHERE household_id = {known.HouseholdId}", cancellationToken);
        // The end time is saved through EF, so that the call's audit record (AuditOnSave) rides
        // on that save and commits with the release.
        var hold = await db.Holds.FirstAsync(h => h.Id == known.Id, cancellationToken);
        hold.EndedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await ViewAsync(hold, number, cancellationToken);
    }

    /// <summary>
    /// A spend (or captured hold) under the id: what returns have not given back yet is refunded
    /// under <see cref="CancelKey"/>. Null when a return or another cancel refunded meanwhile.
    /// </summary>
    private async Task<HoldView?> RefundForCancelAsync(
        Hold known, string number, string actor, string reason, int attempt, CancellationToken cancellationToken)
    {
        var key = CancelKey(known.Id);
        var first = await db.Entries.AsNoTracking()
            .Where(e => e.HoldId == known.Id && e.RequestId == key && e.Kind == EntryKind.Refund)
            .Select(e => (long?)e.Id).FirstOrDefaultAsync(cancellationToken);
        if (first is { } firstId)
        {
            return await ViewAsync(known, number, cancellationToken, firstId);
        }

        var left = known.Points - known.Refunded;
        if (left == 0)
        {
            // Returns gave every point back already: the spend costs nothing.
            return await ViewAsync(known, number, cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (entry, _) = await refunds.RefundAsync(known.Id, left, actor, reason, key, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var after = await FindAsync(known.Id, cancellationToken);
            return await ViewAsync(after, number, cancellationToken, entry.Id);
        }
        catch (DomainException ex) when (ex.Reason == "REFUND_EXCEEDS_CAPTURE" && attempt < MaxAttempts)
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }
}
