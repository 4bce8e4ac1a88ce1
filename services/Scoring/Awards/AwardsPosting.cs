using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Ledger;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Awards;

/// <summary>
/// Posts every proposal whose public notice closed unobjected, set-based: a few statements
/// whatever the number of proposals (a county's month is one job). The due proposals are
/// claimed by taking them off the notice board, so a concurrent job, objection or withdrawal
/// cannot take them too; the proposal rows are not rewritten (<see cref="ProposalState"/>): the
/// entry names its proposal (unique), which is how a proposal is known to be posted.
/// <para>
/// On PostgreSQL a village's posting, events included, is one statement. A job over several
/// villages splits them into up to <c>Scoring:PostingParallelism</c> shares of about equal size
/// (default: the machine's cores, at most 4) and posts each share in its own transaction, side by
/// side on its own connection: one statement runs on one core. A village is always posted whole,
/// in one transaction; a job that stops part-way leaves the villages it did not commit on the
/// board, and the next run (the background job, or <c>Awards.PostDue</c>) posts them.
/// SQLite (one writer) posts everything in one transaction.
/// </para>
/// </summary>
internal sealed class AwardsPosting(ScoringDb db, TimeProvider time, IServiceScopeFactory scopes, IOptions<PostingShares> options)
{
    public const int EntriesPerEvent = 2_000;

    private const int Award = (int)EntryKind.Award;
    private const int Deduction = (int)EntryKind.Deduction;

    private static readonly string PointsPostedType = OutboxExtensions.TypeName(typeof(PointsPosted));

    public sealed record Result(int Posted, long Points);

    private sealed record PostedRow(long Id, string VillageCode, string Number, int Kind, long Points, string? RuleCode, string Period);

    // SqlQuery reads these two by the model's naming convention: snake_case columns.
    private sealed record PostedTotals(int Posted, long Points);

    private sealed record VillageDue(string VillageCode, int Due);

    /// <summary>How many transactions a job over several villages runs side by side on PostgreSQL.</summary>
    public int Parallelism => options.Value.Parallelism;

    public async Task<Result> PostDueAsync(string? villageCode, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // "" means every village; a typed null parameter is not portable across providers.
        var village = villageCode ?? string.Empty;

        if (db.Database.IsNpgsql())
        {
            var shares = village == string.Empty && Parallelism > 1 ? await SharesAsync(now, ct) : [];
            if (shares.Count <= 1)
            {
                return await PostOnPostgresAsync(db, village == string.Empty ? [] : [village], now, ct);
            }

            var posted = await Task.WhenAll(shares.Select(async share =>
            {
                await using var scope = scopes.CreateAsyncScope();
                return await PostOnPostgresAsync(scope.ServiceProvider.GetRequiredService<ScoringDb>(), share, now, ct);
            }));
            return new Result(posted.Sum(r => r.Posted), posted.Sum(r => r.Points));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));

        var rows = await PostPortableAsync(village, now, ct);
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

    /// <summary>
    /// The villages with due proposals, dealt largest first to whichever share has the fewest
    /// proposals so far, so the shares finish at about the same time. Empty shares are dropped.
    /// </summary>
    private async Task<List<string[]>> SharesAsync(DateTime now, CancellationToken ct)
    {
        var due = await db.Database.SqlQuery<VillageDue>($"""
            SELECT village_code, count(*)::int AS due FROM notice_board
            WHERE notice_ends_at <= {now} GROUP BY village_code
            """).ToListAsync(ct);
        var shares = Enumerable.Range(0, Math.Min(Parallelism, due.Count)).Select(_ => (Villages: new List<string>(), Due: 0L)).ToArray();
        foreach (var village in due.OrderByDescending(v => v.Due).ThenBy(v => v.VillageCode, StringComparer.Ordinal))
        {
            var smallest = Array.IndexOf(shares, shares.MinBy(s => s.Due));
            shares[smallest].Villages.Add(village.VillageCode);
            shares[smallest].Due += village.Due;
        }

        return shares.Select(s => s.Villages.Order(StringComparer.Ordinal).ToArray()).ToList();
    }

    /// <summary>
    /// PostgreSQL, in a transaction of its own on <paramref name="db"/>'s connection: for the
    /// given villages (none: all), claim, append, move balances and write the points-posted
    /// events in one statement. The events are built in the database (the same JSON the outbox's serializer
    /// writes for <see cref="PointsPosted"/>: per village, entries in id order, at most
    /// <see cref="EntriesPerEvent"/> to an event), so a county's 350,000 entries are never read
    /// back into the service. An entry is a <c>posted_entry</c> row (a type made by
    /// <see cref="PostgresSchemaSql"/>, its field names those of <see cref="PostedEntry"/> in JSON).
    /// </summary>
    private async Task<Result> PostOnPostgresAsync(ScoringDb db, string[] villages, DateTime now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var occurred = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var award = nameof(EntryKind.Award);
        var deduction = nameof(EntryKind.Deduction);
        // A county's month groups 70,000 households and sorts 350,000 entries into events: with
        // the server's default 4 MB both spill to disk. For this transaction only.
        await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", ct);
        var result = await db.Database.SqlQuery<PostedTotals>($"""
            WITH due AS (
                DELETE FROM notice_board
                WHERE notice_ends_at <= {now} AND (cardinality({villages}) = 0 OR village_code = ANY({villages}))
                RETURNING proposal_id),
            claimed AS (
                SELECT p.id, p.household_id, p.village_code, p.rule_code, p.rule_version, p.points, p.proposed_by, p.note, p.request_id, p.period
                FROM due JOIN proposals p ON p.id = due.proposal_id),
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
                RETURNING id, household_id, village_code, kind, points, rule_code, period),
            numbered AS (
                SELECT i.id, i.village_code, h.number, i.kind, i.points, i.rule_code, i.period,
                       (row_number() OVER (PARTITION BY i.village_code ORDER BY i.id) - 1) / {EntriesPerEvent} AS chunk
                FROM inserted i JOIN households h ON h.id = i.household_id),
            chunks AS (
                SELECT gen_random_uuid() AS event_id, village_code,
                       json_agg(ROW(id, number, CASE WHEN kind = {Award} THEN {award} ELSE {deduction} END,
                                    points, rule_code, period)::posted_entry ORDER BY id) AS entries
                FROM numbered GROUP BY village_code, chunk),
            events AS (
                INSERT INTO outbox_messages (event_id, type, payload, occurred_at, attempts)
                SELECT event_id, {PointsPostedType},
                       json_build_object('eventId', event_id, 'occurredAt', {occurred}, 'villageCode', village_code, 'entries', entries)::text,
                       {now}, 0
                FROM chunks)
            SELECT count(*)::int AS posted, coalesce(sum(points), 0)::bigint AS points FROM inserted
            """).ToListAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(result[0].Posted, result[0].Points);
    }

    /// <summary>SQLite (and any provider): the same steps as separate statements in the transaction.</summary>
    private async Task<List<PostedRow>> PostPortableAsync(string village, DateTime now, CancellationToken ct)
    {
        var due = await db.NoticeBoard.CountAsync(n => n.NoticeEndsAt <= now && (village == string.Empty || n.VillageCode == village), ct);
        if (due == 0)
        {
            return [];
        }

        // "Due": on the board with the window closed. The board rows go last, by the entries made.
        await db.Database.ExecuteSqlAsync($"""
            UPDATE accounts SET balance = balance + s.total, awarded = awarded + s.plus, deducted = deducted + s.minus
            FROM (SELECT p.household_id, SUM(p.points) AS total,
                         SUM(CASE WHEN p.points > 0 THEN p.points ELSE 0 END) AS plus,
                         SUM(CASE WHEN p.points < 0 THEN -p.points ELSE 0 END) AS minus
                  FROM notice_board n JOIN proposals p ON p.id = n.proposal_id
                  WHERE n.notice_ends_at <= {now} AND ({village} = '' OR n.village_code = {village})
                  GROUP BY p.household_id) AS s
            WHERE accounts.household_id = s.household_id
            """, ct);
        var firstNew = (await db.Entries.MaxAsync(e => (long?)e.Id, ct) ?? 0) + 1;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ledger_entries (household_id, village_code, kind, points, rule_code, rule_version, actor, at, reason, request_id, period, proposal_id)
            SELECT p.household_id, p.village_code, CASE WHEN p.points > 0 THEN {Award} ELSE {Deduction} END, p.points,
                   p.rule_code, p.rule_version, p.proposed_by, {now}, p.note, p.request_id, p.period, p.id
            FROM notice_board n JOIN proposals p ON p.id = n.proposal_id
            WHERE n.notice_ends_at <= {now} AND ({village} = '' OR n.village_code = {village})
            """, ct);
        await db.Database.ExecuteSqlAsync($"""
            DELETE FROM notice_board
            WHERE proposal_id IN (SELECT proposal_id FROM ledger_entries WHERE id >= {firstNew} AND proposal_id IS NOT NULL)
            """, ct);
        return await (
                from e in db.Entries.AsNoTracking()
                where e.Id >= firstNew && e.ProposalId != null
                join h in db.Households on e.HouseholdId equals h.Id
                select new PostedRow(e.Id, e.VillageCode, h.Number, (int)e.Kind, e.Points, e.RuleCode, e.Period))
            .ToListAsync(ct);
    }
}

/// <summary>
/// <c>Scoring:PostingParallelism</c>: how many shares a month-end job over several villages is
/// posted in, side by side, on PostgreSQL. Read and checked when the service starts, so a wrong
/// value stops the start with a message instead of failing the first month-end.
/// </summary>
internal sealed class PostingShares
{
    public const string Setting = "Scoring:PostingParallelism";

    public int Parallelism { get; set; } = 1;

    /// <summary>Unset or empty: the machine's cores, at most 4; else a whole number of 1 or more.</summary>
    public static int From(IConfiguration configuration) => configuration[Setting] is { Length: > 0 } setting
        ? int.TryParse(setting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parallelism) && parallelism >= 1
            ? parallelism
            : throw new InvalidOperationException($"{Setting} is '{setting}'; it must be a whole number of 1 or more.")
        : Math.Min(Environment.ProcessorCount, 4);
}
