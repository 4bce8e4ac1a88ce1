using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Awards;

/// <summary>
/// Posts every proposal whose public notice closed unobjected, set-based: one transaction of a
/// few statements whatever the number of proposals (a county's month is one job). Proposals are
/// claimed first (status → posted), so a concurrent job or objection cannot change the set.
/// </summary>
public sealed class AwardsPosting(ScoringDb db, TimeProvider time)
{
    public const int EntriesPerEvent = 2_000;

    public sealed record Result(int Posted, long Points);

    public async Task<Result> PostDueAsync(string? villageCode, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // "" means every village; a typed null parameter is not portable across providers.
        var village = villageCode ?? string.Empty;
        const int onNotice = (int)ProposalStatus.OnNotice;
        const int posted = (int)ProposalStatus.Posted;
        const int award = (int)EntryKind.Award;
        const int deduction = (int)EntryKind.Deduction;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        var claimed = await db.Database.ExecuteSqlAsync($"""
            UPDATE proposals SET status = {posted}
            WHERE status = {onNotice} AND notice_ends_at <= {now} AND ({village} = '' OR village_code = {village})
            """, ct);
        if (claimed == 0)
        {
            return new Result(0, 0);
        }

        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period, proposal_id)
            SELECT p.household_id, p.village_code, CASE WHEN p.points > 0 THEN {award} ELSE {deduction} END, p.points,
                   p.rule_code, p.rule_version, p.proposed_by, {now}, p.note, p.request_id, p.period, p.id
            FROM proposals p
            WHERE p.status = {posted} AND p.entry_id IS NULL AND ({village} = '' OR p.village_code = {village})
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE accounts SET balance = balance + s.total, awarded = awarded + s.plus, deducted = deducted + s.minus
            FROM (SELECT household_id,
                         SUM(points) AS total,
                         SUM(CASE WHEN points > 0 THEN points ELSE 0 END) AS plus,
                         SUM(CASE WHEN points < 0 THEN -points ELSE 0 END) AS minus
                  FROM proposals
                  WHERE status = {posted} AND entry_id IS NULL AND ({village} = '' OR village_code = {village})
                  GROUP BY household_id) AS s
            WHERE accounts.household_id = s.household_id
            """, ct);

        var entries = await (
                from p in db.Proposals
                where p.Status == ProposalStatus.Posted && p.EntryId == null && (village == "" || p.VillageCode == village)
                join e in db.Entries on p.Id equals e.ProposalId
                join h in db.Households on e.HouseholdId equals h.Id
                select new { e.Id, e.VillageCode, h.Number, e.Kind, e.Points, e.RuleCode, e.Period })
            .AsNoTracking().ToListAsync(ct);

        await db.Database.ExecuteSqlAsync($"""
            UPDATE proposals SET entry_id = (SELECT e.id FROM ledger_entries e WHERE e.proposal_id = proposals.id)
            WHERE status = {posted} AND entry_id IS NULL AND ({village} = '' OR village_code = {village})
            """, ct);

        foreach (var byVillage in entries.GroupBy(e => e.VillageCode))
        {
            foreach (var chunk in byVillage.OrderBy(e => e.Id).Chunk(EntriesPerEvent))
            {
                db.AddEvent(new PointsPosted(Guid.NewGuid(), time.GetUtcNow(), byVillage.Key,
                    chunk.Select(e => new PostedEntry(e.Id, e.Number, e.Kind.ToString(), e.Points, e.RuleCode, e.Period)).ToList()));
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(entries.Count, entries.Sum(e => e.Points));
    }
}
