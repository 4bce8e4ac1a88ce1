using System.Runtime.CompilerServices;
using Google.Protobuf.Reflection;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// One service's rules, one line per RPC. Lines are checked when the table is built: the RPC
/// must exist in the service's proto with that request type, appear once, and a write may not
/// name the auditor (auditors read everything and write nothing: they are added to every read).
/// </summary>
public sealed class AccessTable
{
    private readonly List<AccessRule> rules = [];
    private ServiceDescriptor? service;

    public IReadOnlyList<AccessRule> Rules => rules;

    /// <summary>The gRPC service the following lines belong to, e.g. Villages.Descriptor.</summary>
    public AccessTable Service(ServiceDescriptor descriptor)
    {
        service = descriptor;
        return this;
    }

    public AccessTable Public(string method)
    {
        var descriptor = Find(method, null);
        return Add(new AccessRule(descriptor, AccessKind.Public, new HashSet<Role>(Roles.All), "—", false,
            (_, _, _) => ValueTask.FromResult<RequestScope?>(RequestScope.Unscoped)));
    }

    public AccessTable Read<TRequest>(string method, Role[] roles, Func<TRequest, RequestScope> scope,
        [CallerArgumentExpression(nameof(scope))] string scopeText = "") =>
        Line(method, AccessKind.Read, roles, scope, scopeText);

    public AccessTable Read<TRequest>(string method, Role[] roles, Func<TRequest, IServiceProvider, CancellationToken, Task<RequestScope?>> lookup,
        [CallerArgumentExpression(nameof(lookup))] string scopeText = "") =>
        Line(method, AccessKind.Read, roles, lookup, scopeText);

    public AccessTable Write<TRequest>(string method, Role[] roles, Func<TRequest, RequestScope> scope,
        [CallerArgumentExpression(nameof(scope))] string scopeText = "") =>
        Line(method, AccessKind.Write, roles, scope, scopeText);

    public AccessTable Write<TRequest>(string method, Role[] roles, Func<TRequest, IServiceProvider, CancellationToken, Task<RequestScope?>> lookup,
        [CallerArgumentExpression(nameof(lookup))] string scopeText = "") =>
        Line(method, AccessKind.Write, roles, lookup, scopeText);

    /// <summary>
    /// The previous line's lookup finds what its answer also names: a deployment-wide caller's
    /// call skips the lookup, and its audit record reads the scope from the answer.
    /// </summary>
    public AccessTable AnswerNames<TResponse>(Func<TResponse, RequestScope> scope)
    {
        var rule = rules.Count > 0 ? rules[^1] : throw new InvalidOperationException("AnswerNames follows the line it belongs to.");
        if (rule.Method.OutputType.ClrType != typeof(TResponse))
        {
            throw new InvalidOperationException($"{rule.FullName} answers {rule.Method.OutputType.ClrType.Name}, not {typeof(TResponse).Name}.");
        }

        rule.ReadScopeFromAnswer(answer => scope((TResponse)answer));
        return this;
    }

    /// <summary>
    /// Which services the previous line's role service is for (<c>.ForServices("redemption")</c>):
    /// a token signed by another service's key is refused <c>SERVICE_NOT_ALLOWED</c>. Every line
    /// allowing the role service must name them (checked when the policy is built).
    /// </summary>
    public AccessTable ForServices(params string[] names)
    {
        var rule = rules.Count > 0 ? rules[^1] : throw new InvalidOperationException("ForServices follows the line it belongs to.");
        if (names.Length == 0)
        {
            throw new InvalidOperationException($"{rule.FullName}: ForServices names at least one service.");
        }

        rule.GrantServices(names);
        return this;
    }

    /// <summary>
    /// The previous line's request names the person acting (e.g. <c>r => r.MemberId</c>): a caller
    /// without an office role (<see cref="Roles.ActsForOthers"/>) must be that person, so a panel
    /// member cannot approve in another member's name and so step round the recusal rule.
    /// </summary>
    public AccessTable ActingAs<TRequest>(Func<TRequest, string> actor, [CallerArgumentExpression(nameof(actor))] string actorText = "")
    {
        var rule = rules.Count > 0 ? rules[^1] : throw new InvalidOperationException("ActingAs follows the line it belongs to.");
        if (rule.Method.InputType.ClrType != typeof(TRequest))
        {
            throw new InvalidOperationException($"{rule.FullName} takes {rule.Method.InputType.ClrType.Name}, not {typeof(TRequest).Name}.");
        }

        // "r => r.MemberId" names the proto field member_id: the name a caller sees in messages.
        var property = actorText[(actorText.LastIndexOf('.') + 1)..].Trim();
        var json = property.Length > 0 ? char.ToLowerInvariant(property[0]) + property[1..] : property;
        var field = rule.Method.InputType.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == json)
            ?? throw new InvalidOperationException($"{rule.FullName}: {typeof(TRequest).Name} has no field for {actorText}.");
        rule.ReadActor(request => actor((TRequest)request), field.Name);
        return this;
    }

    private AccessTable Line<TRequest>(string method, AccessKind kind, Role[] roles, Func<TRequest, RequestScope> scope, string scopeText)
    {
        var descriptor = Find(method, typeof(TRequest));
        return Add(new AccessRule(descriptor, kind, RolesFor(descriptor, kind, roles), Tidy(scopeText), false,
            (request, _, _) => ValueTask.FromResult<RequestScope?>(scope((TRequest)request))));
    }

    private AccessTable Line<TRequest>(string method, AccessKind kind, Role[] roles,
        Func<TRequest, IServiceProvider, CancellationToken, Task<RequestScope?>> lookup, string scopeText)
    {
        var descriptor = Find(method, typeof(TRequest));
        return Add(new AccessRule(descriptor, kind, RolesFor(descriptor, kind, roles), Tidy(scopeText), true,
            async (request, services, ct) => await lookup((TRequest)request, services, ct)));
    }

    private static HashSet<Role> RolesFor(MethodDescriptor method, AccessKind kind, Role[] roles)
    {
        var set = new HashSet<Role>(roles);
        if (kind == AccessKind.Write && set.Contains(Role.Auditor))
        {
            throw new InvalidOperationException($"{method.FullName} is a write; auditors write nothing.");
        }

        if (kind == AccessKind.Read)
        {
            set.Add(Role.Auditor);
        }

        return set;
    }

    private MethodDescriptor Find(string method, Type? requestType)
    {
        if (service is null)
        {
            throw new InvalidOperationException($"Name the gRPC service (.Service(X.Descriptor)) before the rule for {method}.");
        }

        var descriptor = service.FindMethodByName(method)
            ?? throw new InvalidOperationException($"{service.FullName} has no RPC named {method}.");
        if (requestType is not null && descriptor.InputType.ClrType != requestType)
        {
            throw new InvalidOperationException(
                $"{service.FullName}/{method} takes {descriptor.InputType.ClrType.Name}, not {requestType.Name}.");
        }

        return descriptor;
    }

    private AccessTable Add(AccessRule rule)
    {
        if (rules.Any(r => r.FullName == rule.FullName))
        {
            throw new InvalidOperationException($"{rule.FullName} has two access rules.");
        }

        rules.Add(rule);
        return this;
    }

    // "r => Scope.Village(r.VillageCode)" → "Village(r.VillageCode)"
    private static string Tidy(string text)
    {
        var arrow = text.IndexOf("=>", StringComparison.Ordinal);
        var body = arrow >= 0 ? text[(arrow + 2)..].Trim() : text.Trim();
        return body.StartsWith("Scope.", StringComparison.Ordinal) ? body["Scope.".Length..] : body;
    }
}
