using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Ledger;

/// <summary>
/// Writes to the points ledger. Every method runs inside the caller's transaction, appends
/// entries, and moves the account's totals with conditional UPDATEs, so that a balance always
/// equals the sum of its entries and a spend can never take the available balance below zero.
/// </summary>
internal sealed class PointsLedger(ScoringDb db, TimeProvider time)
{
    public const long MaxPoints = 1_000_000_000;

    /// <summary>Appends an award, deduction, reversal or transfer and applies it to the account.</summary>
    /// <param name="coveredByAvailable">When true, a negative entry must be covered by the available
    /// balance (a transfer out); otherwise it is recorded in full (a deduction may go below zero).</param>
    public async Task<LedgerEntry> PostAsync(LedgerEntry entry, EntryKind? reversedKind, CancellationToken cancellationToken,
        bool coveredByAvailable = false)
    {
        db.Entries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        var p = entry.Points;
        var needed = coveredByAvailable && p < 0 ? -p : long.MinValue;
        var (awarded, deducted) = entry.Kind switch
        {
            EntryKind.Award => (p, 0L),
            EntryKind.Deduction => (0L, -p),
            EntryKind.Reversal when reversedKind == EntryKind.Award => (p, 0L),
            EntryKind.Reversal => (0L, -p),
            _ => (0L, 0L),
        };
        var updated = await db.Database.ExecuteSqlAsync(
            $"UPDATE accounts SET balance = balance + {p}, awarded = awarded + {awarded}, deducted = deducted + {deducted} WHERE household_id = {entry.HouseholdId} AND balance - held >= {needed}",
            cancellationToken);
        if (updated != 1)
        {
            var available = await AvailableAsync(entry.HouseholdId, cancellationToken);
            throw DomainException.Precondition("INSUFFICIENT_POINTS",
                $"The household has {available} points available; {-p} cannot be taken from it.",
                ("available", available.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return entry;
    }

    /// <summary>Adds the points-posted event for entries of one village written in this unit of work.</summary>
    public void AddPostedEvent(string villageCode, IEnumerable<(LedgerEntry Entry, string HouseholdNumber)> entries)
    {
        db.AddEvent(new PointsPosted(Guid.NewGuid(), time.GetUtcNow(), villageCode,
            entries.Select(e => new PostedEntry(e.Entry.Id, e.HouseholdNumber, e.Entry.Kind.ToString(),
                e.Entry.Points, e.Entry.RuleCode, e.Entry.Period)).ToList()));
    }

    public async Task<LedgerEntry> ReverseAsync(long entryId, string actor, string reason, string requestId, CancellationToken cancellationToken)
    {
        var original = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == entryId, cancellationToken)
            ?? throw DomainException.NotFound("ENTRY_NOT_FOUND", $"There is no ledger entry {entryId}.");
        if (original.Kind is not (EntryKind.Award or EntryKind.Deduction))
        {
            throw DomainException.Precondition("ENTRY_NOT_REVERSIBLE",
                $"Entry {entryId} is a {original.Kind} entry; only awards and deductions are reversed here (a spend comes back as a return at the supermarket).");
        }

        if (await db.Households.AnyAsync(h => h.Id == original.HouseholdId && h.Status != HouseholdStatus.Active, cancellationToken))
        {
            throw DomainException.Precondition("HOUSEHOLD_MERGED",
                $"Entry {entryId} belongs to a household that was merged into another; its balance moved there. Record a deduction or award on the receiving household instead.");
        }

        var reversal = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ReversesEntryId == entryId, cancellationToken);
        if (reversal is not null)
        {
            throw DomainException.Precondition("ENTRY_ALREADY_REVERSED",
                $"Entry {entryId} was already reversed by entry {reversal.Id} on {reversal.At:yyyy-MM-dd}; an entry is reversed once.",
                ("reversed_by_entry_id", reversal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var entry = new LedgerEntry
        {
            HouseholdId = original.HouseholdId,
            VillageCode = original.VillageCode,
            Kind = EntryKind.Reversal,
            Points = -original.Points,
            RuleCode = original.RuleCode,
            RuleVersion = original.RuleVersion,
            Actor = actor,
            At = time.GetUtcNow().UtcDateTime,
            Reason = reason,
            RequestId = requestId,
            // The reversal counts in the month of what it corrects.
            Period = original.Period,
            ReversesEntryId = original.Id,
        };
        await PostAsync(entry, original.Kind, cancellationToken);
        var number = await db.Households.Where(h => h.Id == entry.HouseholdId).Select(h => h.Number).FirstAsync(cancellationToken);
        AddPostedEvent(entry.VillageCode, [(entry, number)]);
        return entry;
    }

    /// <summary>Ends holds whose time ran out, giving their points back. Returns how many.</summary>
    public async Task<int> ExpireHoldsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (db.Database.IsNpgsql())
        {
            // One statement per batch: the due holds are locked (skipping any a capture or release
            // holds right now), their points leave the accounts' held totals, and they end.
            // Statuses are literals (1 active, 4 expired), not parameters, so that the partial
            // index on active holds' expiry times matches.
            return await db.Database.ExecuteSqlAsync(
                $"""
                WITH due AS (
                    SELECT id, household_id, points FROM holds
                    WHERE status = 1 AND expires_at <= {now}
                    ORDER BY expires_at
                    LIMIT 500
                    FOR UPDATE SKIP LOCKED
                ), freed AS (
                    UPDATE accounts a SET held = a.held - d.points
                    FROM (SELECT household_id, sum(points) AS points FROM due GROUP BY household_id) d
                    WHERE a.household_id = d.household_id
                )
                UPDATE holds h SET status = 4, ended_at = {now}
                FROM due
                WHERE h.id = due.id
                """, cancellationToken);
        }

        // SQLite: the first UPDATE takes the file's single write lock, so nothing changes the due
        // holds between the two statements.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE accounts SET held = held - (
                SELECT sum(h.points) FROM holds h
                WHERE h.household_id = accounts.household_id AND h.status = 1 AND h.expires_at <= {now})
            WHERE household_id IN (SELECT household_id FROM holds WHERE status = 1 AND expires_at <= {now})
            """, cancellationToken);
        var expired = await db.Database.ExecuteSqlAsync(
            $"UPDATE holds SET status = 4, ended_at = {now} WHERE status = 1 AND expires_at <= {now}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expired;
    }

    public async Task<long> AvailableAsync(long householdId, CancellationToken cancellationToken) =>
        await db.Accounts.Where(a => a.HouseholdId == householdId).Select(a => a.Balance - a.Held).FirstAsync(cancellationToken);
}
