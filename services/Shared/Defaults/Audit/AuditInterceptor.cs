using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Security;

namespace Platform.ServiceDefaults.Audit;

/// <summary>
/// Records every call to a write RPC — who, when, which RPC and its key fields, the request id
/// and the outcome, refusals included — in the audit trail of the service that owns the RPC.
/// Sits outside the access check, so denied writes are recorded too; a call without a valid
/// token names nobody and is only logged.
/// </summary>
public sealed class AuditInterceptor(
    AccessPolicy policy, IEnumerable<IAuditWriter> writers, TimeProvider time, ILogger<AuditInterceptor> logger) : Interceptor
{
    private readonly Dictionary<string, IAuditWriter> byPackage = writers.ToDictionary(w => w.Package, StringComparer.Ordinal);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var rule = policy.Find(context.Method);
        if (rule is not { Kind: AccessKind.Write } || !byPackage.TryGetValue(rule.Method.Service.File.Package, out var writer))
        {
            return await continuation(request, context);
        }

        var at = time.GetUtcNow().UtcDateTime;
        try
        {
            var response = await continuation(request, context);
            await RecordAsync(writer, rule, at, request, response, context, "OK", null);
            return response;
        }
        catch (Exception ex)
        {
            var (status, reason) = ex switch
            {
                DomainException domain => (domain.Status, domain.Reason),
                RpcException rpc => (rpc.StatusCode, rpc.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason),
                OperationCanceledException => (StatusCode.Cancelled, null),
                _ when DomainErrorInterceptor.FromDatabase(ex) is { } database => (database.Status, database.Reason),
                _ => (StatusCode.Internal, null),
            };
            if (status != StatusCode.Unauthenticated)
            {
                await RecordAsync(writer, rule, at, request, null, context, status.ToString(), reason);
            }

            throw;
        }
    }

    private async Task RecordAsync(IAuditWriter writer, AccessRule rule, DateTime at, object? request, object? response,
        ServerCallContext context, string outcome, string? reason)
    {
        var http = context.GetHttpContext();
        var caller = context.Caller();
        var resolved = http.Items.TryGetValue(RequestScope.ItemKey, out var found);
        var scope = found as RequestScope;
        if (!resolved && caller is not null)
        {
            // The access check did not get as far as the scope: it refused the caller's role or
            // actor first, or skipped the lookup for a deployment-wide caller. The record still
            // names what the request is about — from the answer where the table says it names
            // it, else as the check would have found it — so a village's auditor sees the attempt.
            scope = rule.ScopeOfAnswer(response) ?? await LookUpAsync(rule, request, http.RequestServices);
        }

        var message = request as IMessage;
        var record = new AuditRecord
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
        try
        {
            // Not the call's token: the record is kept even when the caller hangs up.
            await writer.WriteAsync(record, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The audit record of {Method} by {Actor} ({Outcome}) could not be saved", record.Method, record.Actor, outcome);
        }
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
