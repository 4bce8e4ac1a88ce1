using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults.Audit;

/// <summary>Saves audit records of one service's RPCs (by proto package) into that service's database.</summary>
public interface IAuditWriter
{
    string Package { get; }

    Task WriteAsync(AuditRecord record, CancellationToken ct);
}

internal sealed class AuditWriter<TDb>(string package, IServiceScopeFactory scopes) : IAuditWriter
    where TDb : Microsoft.EntityFrameworkCore.DbContext, IAuditDbContext
{
    public string Package => package;

    public async Task WriteAsync(AuditRecord record, CancellationToken ct)
    {
        // A scope of its own: the record is saved whether or not the call's own unit of work was.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDb>();
        db.AuditRecords.Add(Storable(record));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// A hostile call's values (a NUL, a lone surrogate) are recorded as U+FFFD: PostgreSQL cannot
    /// store them, and a record that cannot be saved would lose the call from the trail.
    /// </summary>
    internal static AuditRecord Storable(AuditRecord r) => new()
    {
        At = r.At,
        Actor = Clean(r.Actor)!,
        Roles = Clean(r.Roles)!,
        Method = Clean(r.Method)!,
        KeyFields = Clean(r.KeyFields)!,
        RequestId = Clean(r.RequestId)!,
        Outcome = Clean(r.Outcome)!,
        Reason = Clean(r.Reason),
        VillageCode = Clean(r.VillageCode),
        Scope = Clean(r.Scope),
    };

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
