using Npgsql;
using Platform.Contracts.Events;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Scoring.Ledger;

/// <summary>
/// Holds, captures and releases on PostgreSQL, each one SQL statement: the conditional updates,
/// the inserts, the outbox row and the answer all come from one data-modifying CTE. Statements
/// of concurrent calls share a round trip and a commit (<see cref="GroupCommit"/>); a statement
/// alone is its own implicit transaction. This is the counter's hot path; EF Core and
/// per-call commits cost more CPU here than the database work itself (docs/benchmarks.md).
/// The hold row is the idempotency record of all three: its id is the counter's order id.
/// SQLite (embedded mode, one writer) keeps the simpler path in <see cref="EfHoldStore"/>; both
/// serve through <see cref="IHoldStore"/>.
/// </summary>
internal sealed partial class PostgresHolds(NpgsqlDataSource dataSource, TimeProvider time, OutboxSignal<ScoringDb> signal, bool groupCommit = true) : IAsyncDisposable
{
    private const int MaxAttempts = 5;
    private readonly GroupCommit group = new(dataSource, groupCommit);
    private static readonly string HoldCapturedType = OutboxExtensions.TypeName(typeof(HoldCaptured));

    /// <summary>The package whose calls these statements record (Scoring's): the call's record is inserted with its change.</summary>
    private static readonly string Package = Platform.Contracts.Scoring.V1.Ledger.Descriptor.File.Package;

    // Every CTE of a statement reads the same snapshot, taken when the statement starts. The
    // conditional UPDATEs re-check their condition on the newest row version after waiting for
    // a concurrent writer (READ COMMITTED), so a balance never goes below zero; but the plain
    // reads may show the state from before that writer. Where that matters (the hold looked
    // active, yet the update found it ended) the statement runs again with a new snapshot.

    /// <summary>
    /// $1 village, $2 household number, $3 hold id, $4 points, $5 now, $6 expires at, $7 actor,
    /// $8 the request's fingerprint, $9–$18 the audit record.
    /// </summary>
    private static readonly string HoldSql = $"""
        WITH h AS (
            SELECT id, status FROM households WHERE village_code = $1 AND number = $2
        ), known AS (
            SELECT household_id, village_code, points, status, expires_at, entry_id, request_hash FROM holds WHERE id = $3
        ), reserved AS (
            UPDATE accounts a SET held = a.held + $4
            FROM h
            WHERE a.household_id = h.id AND h.status = 1 AND a.balance - a.held >= $4
              AND NOT EXISTS (SELECT 1 FROM known)
            RETURNING a.household_id, a.balance - a.held AS available
        ), inserted AS (
            INSERT INTO holds (id, household_id, village_code, request_hash, points, status, created_at, expires_at, actor)
            SELECT $3, household_id, $1, $8, $4, 1, $5, $6, $7 FROM reserved
        ), {AuditInStatement.Cte("audit", 9, "reserved")}
        SELECT h.id, h.status, r.available,
               k.household_id, k.village_code, k.points, k.status, k.expires_at, k.entry_id,
               (SELECT a.balance - a.held FROM accounts a WHERE a.household_id = coalesce(k.household_id, h.id)),
               CASE WHEN h.id IS NULL THEN EXISTS (SELECT 1 FROM villages WHERE code = $1) ELSE true END,
               k.request_hash
        FROM (VALUES (1)) AS one (x)
        LEFT JOIN h ON true
        LEFT JOIN known k ON true
        LEFT JOIN reserved r ON true
        """;

    /// <summary>
    /// $1 hold id, $2 now, $3 actor, $4 period, $5 event id, $6 event type, $7 event time as JSON text,
    /// $8–$17 the audit record, whose scope is the hold's household as the answer names it
    /// (HouseholdScope's text, "village/number": the access check leaves it to the answer).
    /// The entry id is drawn from the entries' sequence while the hold is claimed, so the hold
    /// row is written once and the entry and the event can name it.
    /// </summary>
    private static readonly string CaptureSql = $"""
        WITH claimed AS (
            UPDATE holds SET status = 2, ended_at = $2, entry_id = nextval('ledger_entries_id_seq'::regclass)
            WHERE id = $1 AND status = 1 AND expires_at > $2
            RETURNING id, household_id, village_code, points, expires_at, entry_id
        ), entry AS (
            INSERT INTO ledger_entries (id, household_id, village_code, kind, points, actor, at, reason, request_id, period, hold_id)
            SELECT entry_id, household_id, village_code, 4, -points, $3, $2, 'Redeemed at the supermarket', id, $4, id FROM claimed
        ), spent AS (
            UPDATE accounts a SET balance = a.balance - c.points, held = a.held - c.points, captured = a.captured + c.points
            FROM claimed c
            WHERE a.household_id = c.household_id
            RETURNING a.balance - a.held AS available
        ), event AS (
            INSERT INTO outbox_messages (event_id, type, payload, occurred_at, attempts)
            SELECT $5, $6, json_build_object('eventId', $5, 'occurredAt', $7, 'holdId', c.id, 'villageCode', c.village_code,
                       'householdNumber', hh.number, 'points', c.points, 'entryId', c.entry_id)::text, $2, 0
            FROM claimed c JOIN households hh ON hh.id = c.household_id
        ), {AuditInStatement.Cte("audit", 8, "claimed c JOIN households hh ON hh.id = c.household_id", "c.village_code", "c.village_code || '/' || hh.number")}
        SELECT true, c.household_id, c.village_code, c.points, 2, c.expires_at, c.entry_id, hh.number, (SELECT available FROM spent)
        FROM claimed c JOIN households hh ON hh.id = c.household_id
        UNION ALL
        SELECT false, k.household_id, k.village_code, k.points, k.status, k.expires_at, k.entry_id, hh.number, a.balance - a.held
        FROM holds k JOIN households hh ON hh.id = k.household_id JOIN accounts a ON a.household_id = k.household_id
        WHERE k.id = $1 AND NOT EXISTS (SELECT 1 FROM claimed)
        """;

    /// <summary>$1 hold id, $2 now, $3–$12 the audit record (its scope as in <see cref="CaptureSql"/>).</summary>
    private static readonly string ReleaseSql = $"""
        WITH released AS (
            UPDATE holds SET status = 3, ended_at = $2
            WHERE id = $1 AND status = 1
            RETURNING household_id, village_code, points, expires_at
        ), freed AS (
            UPDATE accounts a SET held = a.held - r.points
            FROM released r
            WHERE a.household_id = r.household_id
            RETURNING a.balance - a.held AS available
        ), {AuditInStatement.Cte("audit", 3, "released r JOIN households hh ON hh.id = r.household_id", "r.village_code", "r.village_code || '/' || hh.number")}
        SELECT true, r.household_id, r.village_code, r.points, 3, r.expires_at, NULL::bigint, hh.number, (SELECT available FROM freed)
        FROM released r JOIN households hh ON hh.id = r.household_id
        UNION ALL
        SELECT false, k.household_id, k.village_code, k.points, k.status, k.expires_at, k.entry_id, hh.number, a.balance - a.held
        FROM holds k JOIN households hh ON hh.id = k.household_id JOIN accounts a ON a.household_id = k.household_id
        WHERE k.id = $1 AND NOT EXISTS (SELECT 1 FROM released)
        """;

    /// <summary>
    /// Reserves points if the household's available balance covers them; a known hold id is
    /// answered as a replay if <paramref name="requestHash"/> is the fingerprint it was made with, and refused if not.
    /// </summary>
    public async Task<HoldView> HoldAsync(
        string holdId, byte[] requestHash, string villageCode, string number, long points, TimeSpan ttl, string actor,
        CancellationToken cancellationToken)
    {
        var audit = AuditInStatement.Stage(Package);
        try
        {
            return await HoldAsync(holdId, requestHash, villageCode, number, points, ttl, actor, audit, cancellationToken);
        }
        finally
        {
            audit?.Release();
        }
    }

    private async Task<HoldView> HoldAsync(
        string holdId, byte[] requestHash, string villageCode, string number, long points, TimeSpan ttl, string actor,
        AuditInStatement? audit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var expiresAt = now + ttl;
            void Bind(NpgsqlParameterCollection p)
            {
                p.Add(new NpgsqlParameter<string> { TypedValue = villageCode });
                p.Add(new NpgsqlParameter<string> { TypedValue = number });
                p.Add(new NpgsqlParameter<string> { TypedValue = holdId });
                p.Add(new NpgsqlParameter<long> { TypedValue = points });
                p.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
                p.Add(new NpgsqlParameter<DateTime> { TypedValue = expiresAt });
                p.Add(new NpgsqlParameter<string> { TypedValue = actor });
                p.Add(new NpgsqlParameter<byte[]> { TypedValue = requestHash });
                AuditInStatement.Bind(audit, p);
            }

            async Task<(bool Recorded, HoldView View)> Read(NpgsqlDataReader reader)
            {
                await reader.ReadAsync(CancellationToken.None);
                var householdId = ActiveHousehold(reader, 10, villageCode, number);

                if (!reader.IsDBNull(3))
                {
                    // A known hold id: a retry of the same request gets the hold as it is now.
                    var knownHash = reader.GetFieldValue<byte[]>(11);
                    if (!RequestFingerprint.Matches(knownHash, requestHash))
                    {
                        throw HoldRefusals.IdReused(holdId, reader.GetInt64(5));
                    }

                    var known = new Hold
                    {
                        Id = holdId,
                        HouseholdId = reader.GetInt64(3),
                        VillageCode = reader.GetString(4),
                        RequestHash = knownHash,
                        Points = reader.GetInt64(5),
                        Status = (HoldStatus)reader.GetInt32(6),
                        ExpiresAt = reader.GetDateTime(7),
                        EntryId = reader.IsDBNull(8) ? null : reader.GetInt64(8),
                        Actor = actor,
                    };
                    return (false, new HoldView(known, number, reader.GetInt64(9)));
                }

                if (reader.IsDBNull(2))
                {
                    throw HoldRefusals.InsufficientPoints(number, reader.GetInt64(9), points);
                }

                var hold = new Hold
                {
                    Id = holdId,
                    HouseholdId = householdId,
                    VillageCode = villageCode,
                    RequestHash = requestHash,
                    Points = points,
                    Status = HoldStatus.Active,
                    CreatedAt = now,
                    ExpiresAt = expiresAt,
                    Actor = actor,
                };
                // Reserved: the statement inserted the call's audit record with the hold.
                return (true, new HoldView(hold, number, reader.GetInt64(2)));
            }

            try
            {
                var (recorded, view) = await group.RunAsync(HoldSql, Bind, Read, cancellationToken);
                if (recorded)
                {
                    audit?.Committed();
                }

                return view;
            }
            catch (PostgresException ex) when (DatabaseErrors.IsUniqueViolation(ex) && attempt < MaxAttempts)
            {
                // The same hold id arrived twice at once and the other call committed first; this
                // statement rolled back as a whole, and the next attempt answers as a replay.
            }
        }
    }

    /// <summary>Spends held points: the entry, the account, the hold and the HoldCaptured event in one statement.</summary>
    public async Task<HoldView> CaptureAsync(string holdId, string actor, CancellationToken cancellationToken)
    {
        var audit = AuditInStatement.Stage(Package, findsScope: true);
        try
        {
            return await CaptureAsync(holdId, actor, audit, cancellationToken);
        }
        finally
        {
            audit?.Release();
        }
    }

    private async Task<HoldView> CaptureAsync(string holdId, string actor, AuditInStatement? audit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var occurred = time.GetUtcNow();
            var now = occurred.UtcDateTime;
            var eventId = Guid.NewGuid();
            var (changed, view) = await group.RunAsync(CaptureSql, p =>
            {
                p.Add(new NpgsqlParameter<string> { TypedValue = holdId });
                p.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
                p.Add(new NpgsqlParameter<string> { TypedValue = actor });
                p.Add(new NpgsqlParameter<string> { TypedValue = Period.Of(now) });
                p.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
                p.Add(new NpgsqlParameter<string> { TypedValue = HoldCapturedType });
                p.Add(new NpgsqlParameter<string> { TypedValue = occurred.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
                AuditInStatement.Bind(audit, p);
            }, reader => ReadAsync(reader, holdId, actor, now), cancellationToken);
            if (changed)
            {
                audit?.Committed();
                signal.Notify();
                return view;
            }

            if (!LooksActive(view.Hold, now) || attempt == MaxAttempts)
            {
                return view with { Hold = HoldRefusals.CaptureOutcome(view.Hold) };
            }
        }
    }

    /// <summary>Gives held points back. Idempotent; a captured hold cannot be released.</summary>
    public async Task<HoldView> ReleaseAsync(string holdId, CancellationToken cancellationToken)
    {
        var audit = AuditInStatement.Stage(Package, findsScope: true);
        try
        {
            return await ReleaseAsync(holdId, audit, cancellationToken);
        }
        finally
        {
            audit?.Release();
        }
    }

    private async Task<HoldView> ReleaseAsync(string holdId, AuditInStatement? audit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var (changed, view) = await group.RunAsync(ReleaseSql, p =>
            {
                p.Add(new NpgsqlParameter<string> { TypedValue = holdId });
                p.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
                AuditInStatement.Bind(audit, p);
            }, reader => ReadAsync(reader, holdId, string.Empty, now), cancellationToken);
            if (changed)
            {
                audit?.Committed();
            }

            if (changed || view.Hold.Status != HoldStatus.Active || attempt == MaxAttempts)
            {
                return changed ? view : view with { Hold = HoldRefusals.ReleaseOutcome(view.Hold) };
            }
        }
    }

    /// <summary>
    /// The household a Hold or Spend statement found (its id in column 0, its status in 1), or the
    /// refusal: no such household (or village, by the flag in <paramref name="villageKnownColumn"/>), or merged.
    /// </summary>
    private static long ActiveHousehold(NpgsqlDataReader reader, int villageKnownColumn, string villageCode, string number)
    {
        if (reader.IsDBNull(0))
        {
            throw reader.GetBoolean(villageKnownColumn) ? Lookups.HouseholdNotFound(villageCode, number) : Lookups.VillageNotFound(villageCode);
        }

        return reader.GetInt32(1) == (int)Households.HouseholdStatus.Active ? reader.GetInt64(0) : throw Lookups.HouseholdMerged(number);
    }

    /// <summary>How the statements went to the database: in groups, or alone.</summary>
    public (long Groups, long Statements, long RunAlone) GroupCounts => group.Counts;

    public async ValueTask DisposeAsync()
    {
        await group.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    /// <summary>
    /// True when the statement's snapshot showed the hold still open although its update found
    /// it ended: another call ended it while this one waited, and a new snapshot shows how.
    /// </summary>
    private static bool LooksActive(Hold hold, DateTime now) => hold.Status == HoldStatus.Active && hold.ExpiresAt > now;

    private static async Task<(bool Changed, HoldView View)> ReadAsync(NpgsqlDataReader reader, string holdId, string actor, DateTime now)
    {
        if (!await reader.ReadAsync(CancellationToken.None))
        {
            throw HoldRefusals.NotFound(holdId);
        }

        var changed = reader.GetBoolean(0);
        var hold = new Hold
        {
            Id = holdId,
            HouseholdId = reader.GetInt64(1),
            VillageCode = reader.GetString(2),
            // What a capture or release answers is the hold's state; the request that made it is not read back.
            RequestHash = [],
            Points = reader.GetInt64(3),
            Status = (HoldStatus)reader.GetInt32(4),
            ExpiresAt = reader.GetDateTime(5),
            EntryId = reader.IsDBNull(6) ? null : reader.GetInt64(6),
            EndedAt = changed ? now : null,
            Actor = actor,
        };
        return (changed, new HoldView(hold, reader.GetString(7), reader.GetInt64(8)));
    }
}
