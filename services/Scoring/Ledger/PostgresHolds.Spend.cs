using Npgsql;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Data;

namespace Platform.Scoring.Ledger;

/// <summary>The counter's one-call spend on PostgreSQL: a hold and its capture fused into one statement.</summary>
internal sealed partial class PostgresHolds
{
    /// <summary>
    /// $1 village, $2 household number, $3 spend id, $4 points, $5 now, $6 actor, $7 the request's
    /// fingerprint, $8 period, $9 event id, $10 event type, $11 event time as JSON text, $12–$21 the
    /// audit record. The debit is conditional (<c>balance - held >= points</c>) and happens only for
    /// an unknown id; the entry id is drawn while the account is debited, so the spend row, the
    /// entry and the event can name it. A concurrent spend or cancel of the same id makes the
    /// INSERT into holds fail on its key, and the whole statement, debit included, rolls back.
    /// </summary>
    private static readonly string SpendSql = $"""
        WITH h AS (
            SELECT id, status FROM households WHERE village_code = $1 AND number = $2
        ), known AS (
            SELECT household_id, village_code, points, status, expires_at, entry_id, request_hash FROM holds WHERE id = $3
        ), spent AS (
            UPDATE accounts a SET balance = a.balance - $4, captured = a.captured + $4
            FROM h
            WHERE a.household_id = h.id AND h.status = 1 AND a.balance - a.held >= $4
              AND NOT EXISTS (SELECT 1 FROM known)
            RETURNING a.household_id, a.balance - a.held AS available, nextval('ledger_entries_id_seq'::regclass) AS entry_id
        ), inserted AS (
            INSERT INTO holds (id, household_id, village_code, request_hash, points, status, created_at, expires_at, ended_at, entry_id, actor)
            SELECT $3, household_id, $1, $7, $4, 2, $5, $5, $5, entry_id, $6 FROM spent
        ), entry AS (
            INSERT INTO ledger_entries (id, household_id, village_code, kind, points, actor, at, reason, request_id, period, hold_id)
            SELECT entry_id, household_id, $1, 4, -$4, $6, $5, 'Redeemed at the supermarket', $3, $8, $3 FROM spent
        ), event AS (
            INSERT INTO outbox_messages (event_id, type, payload, occurred_at, attempts)
            SELECT $9, $10, json_build_object('eventId', $9, 'occurredAt', $11, 'holdId', $3, 'villageCode', $1,
                       'householdNumber', $2, 'points', $4, 'entryId', s.entry_id)::text, $5, 0
            FROM spent s
        ), {AuditInStatement.Cte("audit", 12, "spent")}
        SELECT h.id, h.status, s.available, s.entry_id,
               k.household_id, k.village_code, k.points, k.status, k.expires_at, k.entry_id,
               (SELECT a.balance - a.held FROM accounts a WHERE a.household_id = coalesce(k.household_id, h.id)),
               CASE WHEN h.id IS NULL THEN EXISTS (SELECT 1 FROM villages WHERE code = $1) ELSE true END,
               k.request_hash
        FROM (VALUES (1)) AS one (x)
        LEFT JOIN h ON true
        LEFT JOIN known k ON true
        LEFT JOIN spent s ON true
        """;

    /// <summary>
    /// Debits points at once under the spend id; a known id answers the first spend if
    /// <paramref name="requestHash"/> is its fingerprint, and is refused otherwise (reused, or cancelled first).
    /// </summary>
    public async Task<HoldView> SpendAsync(
        string spendId, byte[] requestHash, string villageCode, string number, long points, string actor, CancellationToken cancellationToken)
    {
        var audit = AuditInStatement.Stage(Package);
        try
        {
            return await SpendAsync(spendId, requestHash, villageCode, number, points, actor, audit, cancellationToken);
        }
        finally
        {
            audit?.Release();
        }
    }

    private async Task<HoldView> SpendAsync(
        string spendId, byte[] requestHash, string villageCode, string number, long points, string actor, AuditInStatement? audit,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var occurred = time.GetUtcNow();
            var now = occurred.UtcDateTime;
            var eventId = Guid.NewGuid();
            void Bind(NpgsqlParameterCollection p)
            {
                p.Add(new NpgsqlParameter<string> { TypedValue = villageCode });
                p.Add(new NpgsqlParameter<string> { TypedValue = number });
                p.Add(new NpgsqlParameter<string> { TypedValue = spendId });
                p.Add(new NpgsqlParameter<long> { TypedValue = points });
                p.Add(new NpgsqlParameter<DateTime> { TypedValue = now });
                p.Add(new NpgsqlParameter<string> { TypedValue = actor });
                p.Add(new NpgsqlParameter<byte[]> { TypedValue = requestHash });
                p.Add(new NpgsqlParameter<string> { TypedValue = Period.Of(now) });
                p.Add(new NpgsqlParameter<Guid> { TypedValue = eventId });
                p.Add(new NpgsqlParameter<string> { TypedValue = HoldCapturedType });
                p.Add(new NpgsqlParameter<string> { TypedValue = occurred.ToString("O", System.Globalization.CultureInfo.InvariantCulture) });
                AuditInStatement.Bind(audit, p);
            }

            async Task<(bool Spent, HoldView View)> Read(NpgsqlDataReader reader)
            {
                await reader.ReadAsync(CancellationToken.None);
                var householdId = ActiveHousehold(reader, 11, villageCode, number);

                if (!reader.IsDBNull(4))
                {
                    var known = new Hold
                    {
                        Id = spendId,
                        HouseholdId = reader.GetInt64(4),
                        VillageCode = reader.GetString(5),
                        RequestHash = reader.GetFieldValue<byte[]>(12),
                        Points = reader.GetInt64(6),
                        Status = (HoldStatus)reader.GetInt32(7),
                        ExpiresAt = reader.GetDateTime(8),
                        EntryId = reader.IsDBNull(9) ? null : reader.GetInt64(9),
                        Actor = actor,
                    };
                    return (false, new HoldView(HoldRefusals.SpendOutcome(known, requestHash), number, reader.GetInt64(10)));
                }

                if (reader.IsDBNull(2))
                {
                    throw HoldRefusals.InsufficientPoints(number, reader.GetInt64(10), points);
                }

                var spend = new Hold
                {
                    Id = spendId,
                    HouseholdId = householdId,
                    VillageCode = villageCode,
                    RequestHash = requestHash,
                    Points = points,
                    Status = HoldStatus.Captured,
                    CreatedAt = now,
                    ExpiresAt = now,
                    EndedAt = now,
                    EntryId = reader.GetInt64(3),
                    Actor = actor,
                };
                // Spent: the statement inserted the call's audit record and the event with the debit.
                return (true, new HoldView(spend, number, reader.GetInt64(2)));
            }

            try
            {
                var (spent, view) = await group.RunAsync(SpendSql, Bind, Read, cancellationToken);
                if (spent)
                {
                    audit?.Committed();
                    signal.Notify();
                }

                return view;
            }
            catch (PostgresException ex) when (DatabaseErrors.IsUniqueViolation(ex) && attempt < MaxAttempts)
            {
                // The same id arrived twice at once, or was fenced by a cancel, and the other call
                // committed first; this statement rolled back as a whole, and the next attempt
                // answers the first spend or refuses.
            }
        }
    }
}
