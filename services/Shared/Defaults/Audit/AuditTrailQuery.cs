using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Audit.V1;

namespace Platform.ServiceDefaults.Audit;

/// <summary>The auditors' query of one service's trail: by village, period and actor (and RPC), oldest first.</summary>
public static class AuditTrailQuery
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static async Task<Api.ListAuditRecordsResponse> ListAsync(IQueryable<AuditRecord> records, Api.ListAuditRecordsRequest request, CancellationToken ct)
    {
        var size = request.PageSize switch
        {
            0 => DefaultPageSize,
            >= 1 and <= MaxPageSize => request.PageSize,
            _ => throw DomainException.Invalid("PAGE_SIZE_INVALID", $"The page size is 1 to {MaxPageSize} (0 for {DefaultPageSize}).",
                "page_size"),
        };
        var after = 0L;
        if (request.PageToken.Length > 0 && !long.TryParse(request.PageToken, out after))
        {
            throw DomainException.Invalid("PAGE_TOKEN_INVALID", "The page token is not one this service gave out; start again without it.",
                "page_token");
        }

        var query = records.AsNoTracking().Where(r => r.Id > after);
        if (Filter(request.VillageCode, "village_code") is { Length: > 0 } village) query = query.Where(r => r.VillageCode == village);
        if (Filter(request.Actor, "actor") is { Length: > 0 } actor) query = query.Where(r => r.Actor == actor);
        if (Filter(request.Method, "method") is { Length: > 0 } method)
        {
            var suffix = "/" + method;
            query = method.StartsWith('/') ? query.Where(r => r.Method == method) : query.Where(r => r.Method.EndsWith(suffix));
        }

        if (request.From is not null) { var from = Time(request.From, "from"); query = query.Where(r => r.At >= from); }
        if (request.To is not null) { var to = Time(request.To, "to"); query = query.Where(r => r.At < to); }

        var page = await query.OrderBy(r => r.Id).Take(size + 1).ToListAsync(ct);
        var response = new Api.ListAuditRecordsResponse { Records = { page.Take(size).Select(ToApi) } };
        if (page.Count > size)
        {
            response.NextPageToken = page[size - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return response;
    }

    // Input.Time refuses seconds or nanos out of range (Timestamp.ToDateTime would throw on them).
    private static DateTime Time(Timestamp value, string field) => Input.Time(value, field)!.Value;

    /// <summary>A search term as typed, trimmed; one no record could hold (a NUL, a broken character) is refused.</summary>
    private static string Filter(string value, string field)
    {
        var text = value.Trim();
        return text.Contains('\0', StringComparison.Ordinal) || !Input.WellFormed(text)
            ? throw DomainException.Invalid("FILTER_INVALID", $"The {field.Replace('_', ' ')} to search for contains characters no record holds (a NUL or a broken character).",
                field)
            : text;
    }

    private static Api.AuditRecord ToApi(AuditRecord r) => new()
    {
        Id = r.Id,
        At = Timestamp.FromDateTime(DateTime.SpecifyKind(r.At, DateTimeKind.Utc)),
        Actor = r.Actor,
        Roles = r.Roles,
        Method = r.Method,
        KeyFields = r.KeyFields,
        RequestId = r.RequestId,
        Outcome = r.Outcome,
        Reason = r.Reason ?? "",
        VillageCode = r.VillageCode ?? "",
        Scope = r.Scope ?? "",
    };
}
