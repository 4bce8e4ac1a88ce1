namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// The audit record of the write RPC now running, prepared by <see cref="AuditInterceptor"/>
/// before the call so that the service's unit of work saves it in the same transaction as the
/// change (<see cref="AuditOnSave{TDb}"/>): a change that commits has its record, and a record
/// that cannot be saved stops the change. Ambient: it follows the call's async flow into EF
/// Core's interceptors. When no committed transaction holds the record (a refusal, a replay that
/// changed nothing, a path that does not save through EF), the interceptor writes it after the call.
/// </summary>
public sealed class AuditCall
{
    private static readonly AsyncLocal<AuditCall?> Ambient = new();

    private readonly Func<AuditRecord> build;
    private object? transaction;
    private object? stagedBy;

    internal AuditCall(string package, Func<AuditRecord> build)
    {
        Package = package;
        this.build = build;
    }

    /// <summary>The audited call running in this async flow, if any and not yet ended.</summary>
    public static AuditCall? Current => Ambient.Value is { Ended: false } call ? call : null;

    /// <summary>The proto package of the RPC ("platform.scoring.v1"): only its own service's database records it.</summary>
    public string Package { get; }

    /// <summary>A committed transaction holds the call's record.</summary>
    public bool Written { get; private set; }

    /// <summary>The call records after it ends, whatever its transactions do (see <see cref="RecordAfterTheCall"/>).</summary>
    public bool AfterTheCall { get; private set; }

    /// <summary>
    /// The record's scope is the one the call's answer names (AccessRule.AnswerNamesScope): only
    /// a statement that finds that scope itself (<see cref="AuditInStatement"/>) may carry the
    /// record; any other save leaves it to be written after the call, from the answer.
    /// </summary>
    internal bool ScopeFromAnswer { get; set; }

    internal bool Ended { get; private set; }

    private AuditRecord? Staged { get; set; }

    /// <summary>The next save that changes something is the call's last step (see <see cref="LastStepFollows"/>).</summary>
    private bool LastStepArmed { get; set; }

    /// <summary>
    /// For a call that commits in several steps and learns its outcome only at the end (a
    /// redemption: try, then Scoring, then confirm or cancel): its one record, with that outcome,
    /// is written after the call instead of inside its first transaction.
    /// </summary>
    public static void RecordCurrentAfterTheCall()
    {
        if (Current is { } call)
        {
            call.AfterTheCall = true;
        }
    }

    /// <summary>
    /// For such a call: its next save that changes something is the last step, which makes the
    /// call's outcome OK (a return's goods put back, a redemption's stock consumed); that save
    /// carries the record, so the record commits with the change or the change does not happen.
    /// </summary>
    public static void LastStepFollows()
    {
        if (Current is { } call)
        {
            lock (call.build)
            {
                call.LastStepArmed = true;
            }
        }
    }

    internal static void Enter(AuditCall? call) => Ambient.Value = call;

    /// <summary>
    /// The record for the save about to run, or null when another save holds it already or the
    /// call records after it ends. Saves of one call may run side by side (month-end posting in
    /// shares): one of them carries the record.
    /// </summary>
    internal AuditRecord? TryStage(object save, bool findsScope = false, bool lastStep = false)
    {
        lock (build)
        {
            if (Written || (AfterTheCall && !lastStep && !LastStepArmed) || Ended || Staged is not null || (ScopeFromAnswer && !findsScope))
            {
                return null;
            }

            // Armed once: a later save of the call (a cancel) must not carry an OK record.
            LastStepArmed = false;
            (Staged, stagedBy) = (build(), save);
            return Staged;
        }
    }

    internal bool Stages(object save)
    {
        lock (build)
        {
            return Staged is not null && ReferenceEquals(stagedBy, save);
        }
    }

    /// <summary>The staged record was saved: inside <paramref name="inTransaction"/> (written once it commits), or committed already.</summary>
    internal void Saved(object save, object? inTransaction)
    {
        lock (build)
        {
            if (Staged is null || !ReferenceEquals(stagedBy, save))
            {
                return;
            }

            if (inTransaction is null)
            {
                (Written, Staged, stagedBy) = (true, null, null);
            }
            else
            {
                transaction = inTransaction;
            }
        }
    }

    internal void Committed(object committed)
    {
        lock (build)
        {
            if (Staged is not null && ReferenceEquals(transaction, committed))
            {
                (Written, Staged, stagedBy, transaction) = (true, null, null, null);
            }
        }
    }

    /// <summary>The save (<paramref name="save"/>) or the transaction holding the record failed: nothing holds it.</summary>
    internal void Undone(object? save = null, object? inTransaction = null)
    {
        lock (build)
        {
            if ((save is not null && ReferenceEquals(stagedBy, save)) || (inTransaction is not null && ReferenceEquals(transaction, inTransaction)))
            {
                (Staged, stagedBy, transaction) = (null, null, null);
            }
        }
    }

    internal void End() => Ended = true;
}
