using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Expiry;

/// <summary>
/// Posts expiry set-based (decision 0014): for each village at a boundary, claims the boundary
/// (a row of <c>expired_boundaries</c>, so it is expired once), takes each household's due
/// points (<see cref="ExpiryRules.Due"/>) off its balance with an EXPIRY entry, and writes a
/// <see cref="PointsExpired"/> event per village. Runs in the caller's transaction. The spends'
/// hot paths are untouched: consumption is read from the balance, not booked per batch.
/// </summary>
internal sealed class ExpiryPosting(ScoringDb db, TimeProvider time)
{
    private const int Expiry = (int)EntryKind.Expiry;
    private const int Award = (int)EntryKind.Award;
    private const int TransferIn = (int)EntryKind.TransferIn;
    private const int Reversal = (int)EntryKind.Reversal;

    /// <summary>A village to expire and the newest month whose points expire.</summary>
    public sealed record Target(string VillageCode, string CutPeriod);

    // SqlQuery reads this by the model's naming convention: snake_case columns.
    private sealed record VillageExpired(string VillageCode, int Households, long Points);

    /// <summary>
    /// Expires the targets at <paramref name="boundary"/> in the current transaction. Villages
    /// whose boundary is already expired are left out of the answer (the first run stands).
    /// </summary>
    public async Task<List<ExpiredBoundary>> ExpireAsync(IReadOnlyList<Target> targets, string boundary, string actor, string requestId,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = new List<ExpiredBoundary>();
        foreach (var target in targets)
        {
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO expired_boundaries (village_code, boundary, cut_period, households, points, run_by, run_at)
                VALUES ({target.VillageCode}, {boundary}, {target.CutPeriod}, 0, 0, {actor}, {now})
                ON CONFLICT DO NOTHING
                """, ct);
            if (inserted == 1)
            {
                claimed.Add(new ExpiredBoundary
                {
                    VillageCode = target.VillageCode, Boundary = boundary, CutPeriod = target.CutPeriod, RunBy = actor, RunAt = now,
                });
            }
        }

        if (claimed.Count == 0)
        {
            return claimed;
        }

        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var villages = claimed.Select(c => c.VillageCode).ToArray();
        var cuts = claimed.Select(c => c.CutPeriod).ToArray();
        var expired = db.Database.IsNpgsql()
            ? await ExpireOnPostgresAsync(villages, cuts, boundary, actor, requestId, now, ct)
            : await ExpirePortableAsync(claimed, boundary, actor, requestId, now, ct);
        foreach (var run in claimed)
        {
            var totals = expired.GetValueOrDefault(run.VillageCode);
            run.Households = totals.Households;
            run.Points = totals.Points;
            await db.Database.ExecuteSqlAsync($"""
                UPDATE expired_boundaries SET households = {run.Households}, points = {run.Points}
                WHERE village_code = {run.VillageCode} AND boundary = {boundary}
                """, ct);
            if (run.Households > 0)
            {
                db.AddEvent(new PointsExpired(Guid.NewGuid(), time.GetUtcNow(), run.VillageCode, boundary, run.CutPeriod, run.Households, run.Points));
            }
        }

        // The first save of the call that changes something carries its audit record, in this
        // transaction (decision 0009): the entries' on SQLite, the events' on PostgreSQL. A run that
        // expired nothing has no event, and its record is written after the call.
        await db.SaveChangesAsync(ct);
        return claimed;
    }

    /// <summary>
    /// PostgreSQL: the villages' accounts are locked first, in key order, so that the statement
    /// after it sees every credit committed to them; a posting or transfer that comes later
    /// waits for this transaction. Then one statement computes, moves balances and appends.
    /// </summary>
    private async Task<Dictionary<string, (int Households, long Points)>> ExpireOnPostgresAsync(string[] villages, string[] cuts,
        string boundary, string actor, string requestId, DateTime now, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", ct);
        await db.Database.ExecuteSqlAsync(
            $"SELECT household_id FROM accounts WHERE village_code = ANY({villages}) ORDER BY household_id FOR UPDATE", ct);
        var rows = await db.Database.SqlQuery<VillageExpired>($"""
            WITH targets AS (
                SELECT t.village_code, t.cut FROM unnest({villages}::text[], {cuts}::text[]) AS t(village_code, cut)),
            newer AS (
                SELECT e.household_id, sum(e.points) AS credits
                FROM targets t JOIN ledger_entries e ON e.village_code = t.village_code AND e.period > t.cut
                WHERE e.kind = {Award} OR e.kind = {TransferIn} OR (e.kind = {Reversal} AND e.points < 0)
                GROUP BY e.household_id),
            due AS (
                SELECT a.household_id, greatest(0, a.balance - a.held - coalesce(n.credits, 0)) AS amount
                FROM targets t JOIN accounts a ON a.village_code = t.village_code
                LEFT JOIN newer n ON n.household_id = a.household_id),
            moved AS (
                UPDATE accounts a SET balance = a.balance - d.amount, expired = a.expired + d.amount
                FROM due d WHERE a.household_id = d.household_id AND d.amount > 0
                RETURNING a.household_id, a.village_code, d.amount),
            inserted AS (
                INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period)
                SELECT m.household_id, m.village_code, {Expiry}, -m.amount, {actor}, {now},
                       'Points earned up to ' || t.cut || ' expired at ' || {boundary}, {requestId}, {boundary}
                FROM moved m JOIN targets t ON t.village_code = m.village_code
                ORDER BY m.household_id
                RETURNING village_code, points)
            SELECT village_code, count(*)::int AS households, coalesce(-sum(points), 0)::bigint AS points
            FROM inserted GROUP BY village_code
            """).ToListAsync(ct);
        return rows.ToDictionary(r => r.VillageCode, r => (r.Households, r.Points));
    }

    /// <summary>
    /// SQLite (one writer): the claim above took the file's write lock, so nothing changes the
    /// accounts while the due points are read, appended through EF, and applied in one UPDATE.
    /// </summary>
    private async Task<Dictionary<string, (int Households, long Points)>> ExpirePortableAsync(List<ExpiredBoundary> claimed,
        string boundary, string actor, string requestId, DateTime now, CancellationToken ct)
    {
        var firstNew = (await db.Entries.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        var totals = new Dictionary<string, (int Households, long Points)>();
        foreach (var run in claimed)
        {
            foreach (var (householdId, points) in await DueAsync(run.VillageCode, run.CutPeriod, ct))
            {
                db.Entries.Add(new LedgerEntry
                {
                    HouseholdId = householdId, VillageCode = run.VillageCode, Kind = EntryKind.Expiry, Points = -points, Actor = actor, At = now,
                    Reason = $"Points earned up to {run.CutPeriod} expired at {boundary}", RequestId = requestId, Period = boundary,
                });
                var sum = totals.GetValueOrDefault(run.VillageCode);
                totals[run.VillageCode] = (sum.Households + 1, sum.Points + points);
            }
        }

        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE accounts SET
                balance = balance + (SELECT sum(e.points) FROM ledger_entries e WHERE e.household_id = accounts.household_id AND e.id >= {firstNew} AND e.kind = {Expiry}),
                expired = expired - (SELECT sum(e.points) FROM ledger_entries e WHERE e.household_id = accounts.household_id AND e.id >= {firstNew} AND e.kind = {Expiry})
            WHERE household_id IN (SELECT household_id FROM ledger_entries WHERE id >= {firstNew} AND kind = {Expiry})
            """, ct);
        return totals;
    }

    /// <summary>Fills in a statement's balance the points due at the next boundary, where the village has a policy.</summary>
    public async Task AddExpiringAsync(Contracts.Scoring.V1.Balance balance, long householdId, CancellationToken ct)
    {
        var policy = await db.ExpiryPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.VillageCode == balance.VillageCode, ct);
        var next = ExpiryRules.NextBoundary(time.GetUtcNow().UtcDateTime);
        if (policy is null || !ExpiryRules.Applies(policy, next) || balance.Available <= 0)
        {
            return;
        }

        var cut = ExpiryRules.CutPeriod(policy.Rule, policy.Months, next);
        var newer = await db.Entries.AsNoTracking()
            .Where(e => e.HouseholdId == householdId && string.Compare(e.Period, cut) > 0
                        && (e.Kind == EntryKind.Award || e.Kind == EntryKind.TransferIn || (e.Kind == EntryKind.Reversal && e.Points < 0)))
            .SumAsync(e => (long?)e.Points, ct) ?? 0;
        balance.ExpiringPoints = ExpiryRules.Due(balance.Available, newer);
        if (balance.ExpiringPoints > 0)
        {
            balance.ExpiringAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(ExpiryRules.Start(next));
        }
    }

    /// <summary>Each household of the village with points due at a cut, as of now (household id, points).</summary>
    public async Task<List<(long HouseholdId, long Points)>> DueAsync(string village, string cut, CancellationToken ct)
    {
        var available = await db.Accounts.AsNoTracking().Where(a => a.VillageCode == village && a.Balance - a.Held > 0)
            .Select(a => new { a.HouseholdId, Available = a.Balance - a.Held }).ToListAsync(ct);
        var newer = await db.Entries.AsNoTracking()
            .Where(e => e.VillageCode == village && string.Compare(e.Period, cut) > 0
                        && (e.Kind == EntryKind.Award || e.Kind == EntryKind.TransferIn || (e.Kind == EntryKind.Reversal && e.Points < 0)))
            .GroupBy(e => e.HouseholdId)
            .Select(g => new { g.Key, Credits = g.Sum(e => e.Points) })
            .ToDictionaryAsync(x => x.Key, x => x.Credits, ct);
        return available
            .Select(a => (a.HouseholdId, Points: ExpiryRules.Due(a.Available, newer.GetValueOrDefault(a.HouseholdId))))
            .Where(x => x.Points > 0)
            .OrderBy(x => x.HouseholdId)
            .ToList();
    }
}
