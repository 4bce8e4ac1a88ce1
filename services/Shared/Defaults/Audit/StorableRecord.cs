namespace Platform.ServiceDefaults.Audit;

/// <summary>An audit record as its table can hold it, whichever way it is saved.</summary>
internal static class StorableRecord
{
    /// <summary>
    /// A hostile call's values (a NUL, a lone surrogate) are recorded as U+FFFD, and every text is
    /// cut to its column's length: PostgreSQL cannot store either, and a record that cannot be
    /// saved would lose the call — and every other call of its batch — from the trail. (A
    /// 1,000-character village code in a refused request did exactly that before the cut.)
    /// </summary>
    public static AuditRecord Of(AuditRecord r) => new()
    {
        At = r.At,
        Actor = Fit(r.Actor, AuditRecord.MaxText)!,
        Roles = Fit(r.Roles, AuditRecord.MaxText)!,
        Method = Fit(r.Method, AuditRecord.MaxText)!,
        KeyFields = Fit(r.KeyFields, AuditRecord.MaxKeyFields)!,
        RequestId = Fit(r.RequestId, AuditRecord.MaxText)!,
        Outcome = Fit(r.Outcome, AuditRecord.MaxOutcome)!,
        Reason = Fit(r.Reason, AuditRecord.MaxText),
        VillageCode = Fit(r.VillageCode, AuditRecord.MaxText),
        Scope = Fit(r.Scope, AuditRecord.MaxText),
    };

    private static string? Fit(string? text, int max) => text is null ? null : Clean(AuditFields.Shorten(text, max));

    private static string? Clean(string? text)
    {
        if (text is null || (Errors.Input.WellFormed(text) && !text.Contains('\0', StringComparison.Ordinal)))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\0')
            {
                chars[i] = '\uFFFD';
            }
            else if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
