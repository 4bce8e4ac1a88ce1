using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Errors;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Runs before every RPC: finds the RPC's rule (none: refused, fail closed), checks the
/// bearer token (Unauthenticated), the caller's roles and the request's scope (PermissionDenied).
/// </summary>
internal sealed class AccessInterceptor(AccessPolicy policy, TokenValidator validator, ILogger<AccessInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        return await continuation(request, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(request, context);
        await continuation(request, responseStream, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(null, context);
        return await continuation(requestStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        await AuthorizeAsync(null, context);
        await continuation(requestStream, responseStream, context);
    }

    /// <param name="request">Null for a streamed request: then only an unscoped rule can let it through.</param>
    private async Task AuthorizeAsync(object? request, ServerCallContext context)
    {
        var rule = policy.Find(context.Method) ?? throw new DomainException(StatusCode.PermissionDenied, "ACCESS_RULE_MISSING",
            $"{context.Method} has no access rule, so nobody may call it. Every RPC needs a line in its service's Security/*Access.cs.");
        if (rule.Kind == AccessKind.Public)
        {
            return;
        }

        var caller = await validator.ValidateAsync(context.RequestHeaders.GetValue("authorization"));
        var http = context.GetHttpContext();
        http.Items[Caller.ItemKey] = caller;

        var roles = caller.Roles.Where(rule.Allows).ToList();
        if (roles.Contains(Role.Service) && !rule.AllowsService(caller.ServiceName))
        {
            roles.Remove(Role.Service);
            if (roles.Count == 0)
            {
                throw Denied("SERVICE_NOT_ALLOWED", caller, context,
                    $"Service {caller.ServiceName} may not call {rule.Method.Name}; it is open to the service(s) "
                    + string.Join(", ", rule.Services.Order(StringComparer.Ordinal)) + ".");
            }
        }

        if (roles.Count == 0)
        {
            throw Denied("ROLE_NOT_ALLOWED", caller, context,
                $"A token for {caller.RoleNames} may not call {rule.Method.Name}; it is open to "
                + string.Join(", ", rule.Roles.Order().Select(r => r.ClaimValue())) + ".");
        }

        if (request is not null && rule.ActorText is not null && !caller.Roles.Any(r => r.ActsForOthers()))
        {
            var actor = rule.ActorOf(request)?.Trim() ?? string.Empty;
            if (!string.Equals(actor, caller.Subject, StringComparison.Ordinal))
            {
                throw Denied("ACTOR_NOT_CALLER", caller, context,
                    $"This token is {caller.Subject}'s, and a {caller.RoleNames} acts in his or her own name: {rule.ActorText} must be "
                    + $"'{caller.Subject}', not '{Input.Quote(actor)}'. To record it for someone else, ask the village office.");
            }
        }

        var wide = roles.Any(r => r.IsDeploymentWide());
        if (wide && (rule.Kind != AccessKind.Write || request is null || rule.AnswerNamesScope))
        {
            // A wide role needs no scope check; a write whose answer names its scope is recorded from the answer.
            return;
        }

        if (request is null)
        {
            throw Denied("OUT_OF_SCOPE", caller, context, $"{rule.Method.Name} streams its request, so its scope cannot be checked.");
        }

        // Writes resolve their scope even for deployment-wide roles: the audit trail records it.
        var scope = await rule.ResolveAsync(request, http.RequestServices, context.CancellationToken);
        // Kept even when null (nothing found), so the audit trail does not look it up again.
        http.Items[RequestScope.ItemKey] = scope;

        if (wide || scope is null || scope.IsUnscoped || roles.Any(r => scope.ReachedBy(r, caller.Scope)))
        {
            // Null: the request names an id that does not exist; the service answers NotFound.
            return;
        }

        throw Denied("OUT_OF_SCOPE", caller, context,
            $"This call is about {scope}; the token of {caller.Subject} ({caller.RoleNames}) reaches {caller.Scope}.");
    }

    private DomainException Denied(string reason, Caller caller, ServerCallContext context, string message)
    {
        logger.LogWarning("{Method} denied to {Subject}: {Reason}", context.Method, caller.Subject, reason);
        return new DomainException(StatusCode.PermissionDenied, reason, message);
    }
}
