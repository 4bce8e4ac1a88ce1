using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Audit;
using Platform.ServiceDefaults.Security;

namespace Platform.ServiceDefaults.Reading;

/// <summary>
/// Records an unreadable request to a write RPC in the audit trail, as the audit interceptor
/// records any refused write: the interceptors never saw the call, since it failed while being
/// read. As there, a call without a valid token names nobody and is not recorded.
/// </summary>
internal sealed class UnreadableRequestAudit(
    AccessPolicy policy, IEnumerable<IAuditWriter> writers, TokenValidator tokens, TimeProvider time, ILogger<UnreadableRequestAudit> logger)
{
    private readonly Dictionary<string, IAuditWriter> byPackage = writers.ToDictionary(w => w.Package, StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext http, Func<Task> next)
    {
        var at = time.GetUtcNow().UtcDateTime;
        await next();
        if (!http.Items.TryGetValue(UnreadableRequest.ItemKey, out var type)
            || policy.Find(http.Request.Path.Value ?? string.Empty) is not { Kind: AccessKind.Write } rule
            || !byPackage.TryGetValue(rule.Method.Service.File.Package, out var writer))
        {
            return;
        }

        Caller caller;
        try
        {
            caller = await tokens.ValidateAsync(http.Request.Headers.Authorization.ToString());
        }
        catch (Exception)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(new AuditRecord
            {
                At = at,
                Actor = AuditFields.Shorten(caller.Subject, AuditRecord.MaxText),
                Roles = caller.RoleNames,
                Method = rule.FullName,
                KeyFields = AuditFields.Shorten($"unreadable {type}", AuditRecord.MaxKeyFields),
                RequestId = AuditFields.Shorten(http.Request.Headers["x-request-id"].ToString() is { Length: > 0 } id ? id : http.TraceIdentifier, AuditRecord.MaxText),
                Outcome = nameof(Grpc.Core.StatusCode.InvalidArgument),
                Reason = "REQUEST_UNREADABLE",
            }, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The audit record of an unreadable {Method} by {Actor} could not be saved", rule.FullName, caller.Subject);
        }
    }
}
