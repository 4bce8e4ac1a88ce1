using Npgsql;
using NpgsqlTypes;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// The running call's audit record, inserted by a raw-SQL statement of the hot paths (the
/// statements <see cref="Data.GroupCommit"/> runs) in a CTE of its own, from the rows that say
/// the statement took effect: the record commits or rolls back with the change, in the same
/// round trip, and a record the database refuses fails the statement. A statement that changed
/// nothing (a refusal answered by a row, a replay) inserts nothing, and the record is written
/// after the call with its outcome, as on every other path.
/// </summary>
public sealed class AuditInStatement
{
    private readonly AuditCall call;
    private readonly AuditRecord record;
    private readonly object key;

    private AuditInStatement(AuditCall call, AuditRecord record, object key)
    {
        this.call = call;
        this.record = record;
        this.key = key;
    }

    /// <summary>
    /// The record of the call now running for <paramref name="package"/>'s service, or null when
    /// there is none to carry (no audited call, or one whose record is held or written already).
    /// <paramref name="findsScope"/>: the statement fills in the scope where the answer names it.
    /// <paramref name="lastStep"/>: the statement is the last step of a call that records after
    /// it (<see cref="AuditCall.RecordCurrentAfterTheCall"/>) and, once it has taken effect, the
    /// call's outcome is OK (a redemption's confirm).
    /// </summary>
    public static AuditInStatement? Stage(string package, bool findsScope = false, bool lastStep = false)
    {
        if (AuditCall.Current is not { } call || call.Package != package)
        {
            return null;
        }

        var key = new object();
        return call.TryStage(key, findsScope, lastStep) is { } record ? new AuditInStatement(call, StorableRecord.Of(record), key) : null;
    }

    /// <summary>
    /// The CTE <c>name AS (INSERT … SELECT … FROM source)</c> for a statement whose parameters
    /// <see cref="Bind"/> adds from <c>$first</c> on (ten of them). <paramref name="villageCode"/> and
    /// <paramref name="scope"/> are SQL over <paramref name="source"/> that a staged record
    /// without them takes instead (the scope a Capture's answer names); a record is inserted
    /// only when <c>$first</c> is not null (a record was staged).
    /// </summary>
    public static string Cte(string name, int first, string source, string villageCode = "NULL", string scope = "NULL")
    {
        string P(int i) => "$" + (first + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"""
            {name} AS (
                INSERT INTO {AuditModel.Table} (at, actor, roles, method, key_fields, request_id, outcome, reason, village_code, scope)
                SELECT {P(0)}, {P(1)}, {P(2)}, {P(3)}, {P(4)}, {P(5)}, {P(6)}, {P(7)},
                       coalesce({P(8)}, left({villageCode}, {AuditRecord.MaxText})), coalesce({P(9)}, left({scope}, {AuditRecord.MaxText}))
                FROM {source}
                WHERE {P(0)} IS NOT NULL
            )
            """;
    }

    /// <summary>Adds the record's ten parameters (all null without a record: nothing is inserted).</summary>
    public static void Bind(AuditInStatement? audit, NpgsqlParameterCollection p)
    {
        var r = audit?.record;
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = r is null ? DBNull.Value : r.At });
        foreach (var text in new[] { r?.Actor, r?.Roles, r?.Method, r?.KeyFields, r?.RequestId, r?.Outcome, r?.Reason, r?.VillageCode, r?.Scope })
        {
            p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)text ?? DBNull.Value });
        }
    }

    /// <summary>The statement that inserted the record has committed: the call is recorded.</summary>
    public void Committed() => call.Saved(key, inTransaction: null);

    /// <summary>No committed statement holds the record (it changed nothing, or failed): it is written after the call.</summary>
    public void Release() => call.Undone(save: key);
}
