using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Awards;

/// <summary>
/// Posts every proposal whose public notice closed unobjected, set-based: one transaction of a
/// few statements whatever the number of proposals (a county's month is one job). Proposals are
/// claimed first (status → posted), so a concurrent job or objection cannot change the set; the
/// entry names its proposal (unique), which is how a proposal finds its entry.
/// </summary>
public sealed class AwardsPosting(ScoringDb db, TimeProvider time)
{
    public const int EntriesPerEvent = 2_000;

    private const int OnNotice = (int)ProposalStatus.OnNotice;
    private const int Posted = (int)ProposalStatus.Posted;
    private const int Award = (int)EntryKind.Award;
    private const int Deduction = (int)EntryKind.Deduction;

    public sealed record Result(int Posted, long Points);

    private sealed record PostedRow(long Id, string VillageCode, string Number, int Kind, long Points, string? RuleCode, string Period);

    public async Task<Result> PostDueAsync(string? villageCode, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // "" means every village; a typed null parameter is not portable across providers.
        var village = villageCode ?? string.Empty;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var rows = db.Database.IsNpgsql()
            ? await PostOnPostgresAsync(village, now, ct)
            : await PostPortableAsync(village, now, ct);
        if (rows.Count == 0)
        {
            return new Result(0, 0);
        }

        foreach (var byVillage in rows.GroupBy(e => e.VillageCode))
        {
            foreach (var chunk in byVillage.OrderBy(e => e.Id).Chunk(EntriesPerEvent))
            {
                db.AddEvent(new PointsPosted(Guid.NewGuid(), time.GetUtcNow(), byVillage.Key,
                    chunk.Select(e => new PostedEntry(e.Id, e.Number, ((EntryKind)e.Kind).ToString(), e.Points, e.RuleCode, e.Period)).ToList()));
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(rows.Count, rows.Sum(e => e.Points));
    }

    /// <summary>PostgreSQL: claim, append, move balances and read back in one statement.</summary>
    private Task<List<PostedRow>> PostOnPostgresAsync(string village, DateTime now, CancellationToken ct) =>
        db.Database.SqlQuery<PostedRow>($"""
            WITH claimed AS (
                UPDATE proposals SET status = {Posted}
                WHERE status = {OnNotice} AND notice_ends_at <= {now} AND ({village} = '' OR village_code = {village})
                RETURNING id, household_id, village_code, rule_code, rule_version, points, proposed_by, note, request_id, period),
            balances AS (
                UPDATE accounts SET balance = balance + s.total, awarded = awarded + s.plus, deducted = deducted + s.minus
                FROM (SELECT household_id, SUM(points) AS total,
                             SUM(CASE WHEN points > 0 THEN points ELSE 0 END) AS plus,
                             SUM(CASE WHEN points < 0 THEN -points ELSE 0 END) AS minus
                      FROM claimed GROUP BY household_id) AS s
                WHERE accounts.household_id = s.household_id),
            inserted AS (
                INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period, proposal_id)
                SELECT household_id, village_code, CASE WHEN points > 0 THEN {Award} ELSE {Deduction} END, points,
                       rule_code, rule_version, proposed_by, {now}, note, request_id, period, id
                FROM claimed
                RETURNING id, household_id, village_code, kind, points, rule_code, period)
            SELECT i.id AS "Id", i.village_code AS "VillageCode", h.number AS "Number", i.kind AS "Kind",
                   i.points AS "Points", i.rule_code AS "RuleCode", i.period AS "Period"
            FROM inserted i JOIN households h ON h.id = i.household_id
            """).ToListAsync(ct);

    /// <summary>SQLite (and any provider): the same steps as separate statements in the transaction.</summary>
    private async Task<List<PostedRow>> PostPortableAsync(string village, DateTime now, CancellationToken ct)
    {
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE proposals SET status = {Posted}
            WHERE status = {OnNotice} AND notice_ends_at <= {now} AND ({village} = '' OR village_code = {village})
            """, ct);
        if (claimed == 0)
        {
            return [];
        }

        // "Claimed and not yet posted": posted proposals that no entry names yet.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE accounts SET balance = balance + s.total, awarded = awarded + s.plus, deducted = deducted + s.minus
            FROM (SELECT p.household_id, SUM(p.points) AS total,
                         SUM(CASE WHEN p.points > 0 THEN p.points ELSE 0 END) AS plus,
                         SUM(CASE WHEN p.points < 0 THEN -p.points ELSE 0 END) AS minus
                  FROM proposals p
                  WHERE p.status = {Posted} AND ({village} = '' OR p.village_code = {village})
                    AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.proposal_id = p.id)
                  GROUP BY p.household_id) AS s
            WHERE accounts.household_id = s.household_id
            """, ct);
        var firstNew = (await db.Entries.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period, proposal_id)
            SELECT p.household_id, p.village_code, CASE WHEN p.points > 0 THEN {Award} ELSE {Deduction} END, p.points,
                   p.rule_code, p.rule_version, p.proposed_by, {now}, p.note, p.request_id, p.period, p.id
            FROM proposals p
            WHERE p.status = {Posted} AND ({village} = '' OR p.village_code = {village})
              AND NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.proposal_id = p.id)
            """, ct);
        return await (
                from e in db.Entries.AsNoTracking()
                where e.Id >= firstNew && e.ProposalId != null
                join h in db.Households on e.HouseholdId equals h.Id
                select new PostedRow(e.Id, e.VillageCode, h.Number, (int)e.Kind, e.Points, e.RuleCode, e.Period))
            .ToListAsync(ct);
    }
}
