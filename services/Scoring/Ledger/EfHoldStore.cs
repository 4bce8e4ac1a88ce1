using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Ledger;

/// <summary>
/// Holds and spends through EF Core, each call in one transaction of the DbContext, so the
/// call's audit record (AuditOnSave) commits with the first save that changes something. The
/// store of embedded mode (SQLite, one writer); on PostgreSQL the cancel of a spend and the
/// look-up of a hold run here too (<see cref="PostgresHoldStore"/>).
/// </summary>
internal sealed partial class EfHoldStore(ScoringDb db, Lookups lookups, TimeProvider time, HoldRefunds refunds) : IHoldStore
{
    private const int MaxAttempts = 5;

    public async Task<HoldView> HoldAsync(
        string holdId, byte[] requestHash, string villageCode, string number, long points, TimeSpan ttl, string actor,
        CancellationToken cancellationToken)
    {
        var household = await lookups.HouseholdAsync(villageCode, number, cancellationToken);
        if (await db.Holds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == holdId, cancellationToken) is { } known)
        {
            return await ViewAsync(SameHold(known, requestHash), household.Number, cancellationToken);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var reserved = await db.Database.ExecuteSqlAsync(
                $"UPDATE accounts SET held = held + {points} WHERE household_id = {household.Id} AND balance - held >= {points}", cancellationToken);
            if (reserved == 0)
            {
                throw HoldRefusals.InsufficientPoints(household.Number, await AvailableAsync(household.Id, cancellationToken), points);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var hold = new Hold
            {
                Id = holdId,
                HouseholdId = household.Id,
                VillageCode = household.VillageCode,
                RequestHash = requestHash,
                Points = points,
                Status = HoldStatus.Active,
                CreatedAt = now,
                ExpiresAt = now + ttl,
                Actor = actor,
            };
            db.Holds.Add(hold);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ViewAsync(hold, household.Number, cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            // The same hold id arrived twice at once; the first one stands.
            db.ChangeTracker.Clear();
            var first = await FindAsync(holdId, cancellationToken);
            return await ViewAsync(SameHold(first, requestHash), household.Number, cancellationToken);
        }
    }

    public async Task<HoldView> CaptureAsync(string holdId, string actor, CancellationToken cancellationToken)
    {
        // An unknown hold is refused (NotFound) before anything is written.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await db.Database.ExecuteSqlAsync(
            $"UPDATE holds SET status = {(int)HoldStatus.Captured}, ended_at = {now} WHERE id = {holdId} AND status = {(int)HoldStatus.Active} AND expires_at > {now}",
            cancellationToken);
        var hold = await FindAsync(holdId, cancellationToken);
        if (claimed == 0)
        {
            return await ViewAsync(HoldRefusals.CaptureOutcome(hold), null, cancellationToken);
        }

        var entry = SpendEntry(hold.HouseholdId, hold.VillageCode, hold.Points, holdId, actor, now);
        db.Entries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        var points = hold.Points;
        await db.Database.ExecuteSqlAsync(
            $"UPDATE accounts SET balance = balance - {points}, held = held - {points}, captured = captured + {points} WHERE household_id = {hold.HouseholdId}",
            cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE holds SET entry_id = {entry.Id} WHERE id = {holdId}", cancellationToken);
        var number = await NumberAsync(hold.HouseholdId, cancellationToken);
        db.AddEvent(new HoldCaptured(Guid.NewGuid(), time.GetUtcNow(), holdId, hold.VillageCode, number, points, entry.Id));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        hold.Status = HoldStatus.Captured;
        hold.EndedAt = now;
        hold.EntryId = entry.Id;
        return await ViewAsync(hold, number, cancellationToken);
    }

    public async Task<HoldView> ReleaseAsync(string holdId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var released = await db.Database.ExecuteSqlAsync(
            $"UPDATE holds SET status = {(int)HoldStatus.Released}, ended_at = {now} WHERE id = {holdId} AND status = {(int)HoldStatus.Active}",
            cancellationToken);
        var hold = await FindAsync(holdId, cancellationToken);
        if (released == 1)
        {
            var points = hold.Points;
            await db.Database.ExecuteSqlAsync(
                $"UPDATE accounts SET held = held - {points} WHERE household_id = {hold.HouseholdId}", cancellationToken);
        }
        else
        {
            HoldRefusals.ReleaseOutcome(hold);
        }

        await transaction.CommitAsync(cancellationToken);
        return await ViewAsync(hold, null, cancellationToken);
    }

    public async Task<HoldView> GetAsync(string holdId, CancellationToken cancellationToken) =>
        await ViewAsync(await FindAsync(holdId, cancellationToken), null, cancellationToken);

    /// <summary>The entry a capture or a spend writes: the points leave the balance for goods at the supermarket.</summary>
    private static LedgerEntry SpendEntry(long householdId, string villageCode, long points, string holdId, string actor, DateTime now) => new()
    {
        HouseholdId = householdId,
        VillageCode = villageCode,
        Kind = EntryKind.HoldCaptured,
        Points = -points,
        Actor = actor,
        At = now,
        Reason = "Redeemed at the supermarket",
        RequestId = holdId,
        Period = Period.Of(now),
        HoldId = holdId,
    };

    private static Hold SameHold(Hold known, byte[] fingerprint) =>
        RequestFingerprint.Matches(known.RequestHash, fingerprint) ? known : throw HoldRefusals.IdReused(known.Id, known.Points);

    private async Task<Hold> FindAsync(string holdId, CancellationToken cancellationToken) =>
        await db.Holds.AsNoTracking().FirstOrDefaultAsync(h => h.Id == holdId, cancellationToken)
        ?? throw HoldRefusals.NotFound(holdId);

    private Task<string> NumberAsync(long householdId, CancellationToken cancellationToken) =>
        db.Households.Where(h => h.Id == householdId).Select(h => h.Number).FirstAsync(cancellationToken);

    private Task<long> AvailableAsync(long householdId, CancellationToken cancellationToken) =>
        db.Accounts.Where(a => a.HouseholdId == householdId).Select(a => a.Balance - a.Held).FirstAsync(cancellationToken);

    private async Task<HoldView> ViewAsync(Hold hold, string? number, CancellationToken cancellationToken, long refundEntryId = 0) =>
        new(hold, number ?? await NumberAsync(hold.HouseholdId, cancellationToken), await AvailableAsync(hold.HouseholdId, cancellationToken), refundEntryId);
}
