using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Security;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Records every call to a write RPC — who, when, which RPC and its key fields, the request id
/// and the outcome, refusals included — in the audit trail of the service that owns the RPC.
/// Sits outside the access check, so denied writes are recorded too; a call without a valid
/// token names nobody and is only logged.
/// </summary>
internal sealed class AuditInterceptor(
    AccessPolicy policy, IEnumerable<IAuditWriter> writers, TimeProvider time, ILogger<AuditInterceptor> logger) : Interceptor
{
    private readonly Dictionary<string, IAuditWriter> byPackage = writers.ToDictionary(w => w.Package, StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var rule = policy.Find(context.Method);
        if (rule is not { Kind: AccessKind.Write } || !byPackage.TryGetValue(rule.Method.Service.File.Package, out var writer))
        {
            // A call inside another call's flow (a service calling one in the same process) is not that call.
            AuditCall.Enter(null);
            return await continuation(request, context);
        }

        var at = time.GetUtcNow().UtcDateTime;
        var http = context.GetHttpContext();
        // Prepared now and saved by the service's own transaction (AuditOnSave, AuditInStatement);
        // its scope is the access check's, found by then. A deployment-wide caller's scope comes
        // from the answer, which an EF save does not have: such a call records after it ends,
        // unless a hot statement finds that scope itself.
        var call = new AuditCall(writer.Package, () => Build(rule, at, request, context, ScopeFoundByCheck(http), "OK", null));
        AuditCall.Enter(call);
        call.ScopeFromAnswer = rule.AnswerNamesScope;

        try
        {
            var response = await continuation(request, context);
            call.End();
            if (!call.Written)
            {
                await RecordAsync(writer, rule, at, request, response, context, "OK", null);
            }

            return response;
        }
        catch (Exception ex)
        {
            call.End();
            var (status, reason) = ex switch
            {
                DomainException domain => (domain.Status, domain.Reason),
                RpcException rpc => (rpc.StatusCode, rpc.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason),
                OperationCanceledException => (StatusCode.Cancelled, null),
                _ when DomainErrorInterceptor.FromDatabase(ex) is { } database => (database.Status, database.Reason),
                _ => (StatusCode.Internal, null),
            };
            // A call that failed after a transaction committed its record gets a second record:
            // the first says a change took effect, this one how the call ended.
            if (status != StatusCode.Unauthenticated)
            {
                await RecordAsync(writer, rule, at, request, null, context, status.ToString(), reason);
            }

            throw;
        }
    }

    private static RequestScope? ScopeFoundByCheck(HttpContext http) =>
        http.Items.TryGetValue(RequestScope.ItemKey, out var found) ? found as RequestScope : null;

    private async Task RecordAsync(IAuditWriter writer, AccessRule rule, DateTime at, object? request, object? response,
        ServerCallContext context, string outcome, string? reason)
    {
        var http = context.GetHttpContext();
        var scope = ScopeFoundByCheck(http);
        if (!http.Items.ContainsKey(RequestScope.ItemKey) && context.Caller() is not null)
        {
            // The access check did not get as far as the scope: it refused the caller's role or
            // actor first, or skipped the lookup for a deployment-wide caller. The record still
            // names what the request is about — from the answer where the table says it names
            // it, else as the check would have found it — so a village's auditor sees the attempt.
            scope = rule.ScopeOfAnswer(response) ?? await LookUpAsync(rule, request, http.RequestServices);
        }

        var record = Build(rule, at, request, context, scope, outcome, reason);
        try
        {
            // Not the call's token: the record is kept even when the caller hangs up.
            await writer.WriteAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            logger.LogWarning("The audit record of {Method} by {Actor} ({Outcome}) could not be saved: the database is unavailable ({Error})",
                record.Method, record.Actor, outcome, ex.Message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The audit record of {Method} by {Actor} ({Outcome}) could not be saved", record.Method, record.Actor, outcome);
        }
    }

    private static AuditRecord Build(AccessRule rule, DateTime at, object? request, ServerCallContext context, RequestScope? scope,
        string outcome, string? reason)
    {
        var http = context.GetHttpContext();
        var caller = context.Caller();
        var message = request as IMessage;
        return new AuditRecord
        {
            At = at,
            Actor = AuditFields.Shorten(caller?.Subject ?? "", AuditRecord.MaxText),
            Roles = caller?.RoleNames ?? "",
            Method = context.Method,
            KeyFields = message is null ? "" : AuditFields.Describe(message),
            RequestId = (message is null ? null : AuditFields.RequestId(message))
                ?? AuditFields.Shorten(context.RequestHeaders.GetValue("x-request-id") ?? http.TraceIdentifier, AuditRecord.MaxText),
            Outcome = outcome,
            Reason = reason,
            VillageCode = scope?.VillageCode,
            Scope = scope is null ? null : AuditFields.Shorten(scope.ToString(), AuditRecord.MaxText),
        };
    }

    private async Task<RequestScope?> LookUpAsync(AccessRule rule, object? request, IServiceProvider services)
    {
        if (request is null)
        {
            return null;
        }

        try
        {
            return await rule.ResolveAsync(request, services, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning("The scope of {Method} could not be looked up for its audit record: {Error}", rule.FullName, ex.Message);
            return null;
        }
    }
}
