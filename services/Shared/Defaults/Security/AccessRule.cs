using Google.Protobuf.Reflection;

namespace Platform.ServiceDefaults.Security;

/// <summary>
/// Who may call one RPC and how the request's scope is found: from the request's fields, or
/// for an RPC addressed by an id (proposal, hold, distribution) by looking the thing up.
/// </summary>
public sealed class AccessRule
{
    private readonly Func<object, IServiceProvider, CancellationToken, ValueTask<RequestScope?>> resolve;
    private Func<object, RequestScope>? fromAnswer;
    private Func<object, string>? actor;

    internal AccessRule(MethodDescriptor method, AccessKind kind, IReadOnlySet<Role> roles, string scopeText,
        bool looksUp, Func<object, IServiceProvider, CancellationToken, ValueTask<RequestScope?>> resolve)
    {
        Method = method;
        Kind = kind;
        Roles = roles;
        ScopeText = scopeText;
        LooksUp = looksUp;
        this.resolve = resolve;
    }

    public MethodDescriptor Method { get; }

    /// <summary>"/platform.scoring.v1.Villages/RegisterVillage", as gRPC names the call.</summary>
    public string FullName => $"/{Method.Service.FullName}/{Method.Name}";

    public AccessKind Kind { get; }

    public IReadOnlySet<Role> Roles { get; }

    /// <summary>The scope expression as written in the table, for the matrix in docs/.</summary>
    public string ScopeText { get; }

    /// <summary>The scope is found by a database lookup of the id the request names.</summary>
    public bool LooksUp { get; }

    public bool Allows(Role role) => Roles.Contains(role);

    /// <summary>
    /// The services that may call with the role service (a token signed by a service's own key
    /// names it); empty when the role is not allowed. A token signed by a key trusted for
    /// everything (one key for all, as in the embedded host) is not limited by it.
    /// </summary>
    public IReadOnlySet<string> Services { get; private set; } = new HashSet<string>();

    /// <summary>Whether a caller's service (null: not a named service) may call with the role service.</summary>
    public bool AllowsService(string? service) => service is null || Services.Contains(service);

    internal void GrantServices(IEnumerable<string> names)
    {
        if (!Allows(Role.Service))
        {
            throw new InvalidOperationException($"{FullName} does not allow the role service; naming services adds nothing.");
        }

        Services = new HashSet<string>(names, StringComparer.Ordinal);
    }

    /// <summary>Null when the thing the request names does not exist: the service then answers NotFound.</summary>
    public ValueTask<RequestScope?> ResolveAsync(object request, IServiceProvider services, CancellationToken ct) =>
        resolve(request, services, ct);

    /// <summary>
    /// The answer of a successful call names the same scope the lookup would find (a hold's
    /// answer names its household). For a deployment-wide caller, who needs no scope check, the
    /// lookup is then skipped and the audit record takes the scope from the answer instead.
    /// </summary>
    public bool AnswerNamesScope => fromAnswer is not null;

    /// <summary>The scope the answer names; null without an answer or when this rule does not read one.</summary>
    public RequestScope? ScopeOfAnswer(object? answer) => answer is null || fromAnswer is null ? null : fromAnswer(answer);

    /// <summary>
    /// The request field naming the person acting (<c>member_id</c>, <c>actor</c>), as the proto
    /// names it; null when the request names none. A caller without an office role must be that
    /// person: the token's subject.
    /// </summary>
    public string? ActorText { get; private set; }

    /// <summary>The person the request says is acting; null when this rule does not read one.</summary>
    public string? ActorOf(object request) => actor?.Invoke(request);

    internal void ReadActor(Func<object, string> read, string text)
    {
        actor = read;
        ActorText = text;
    }

    internal void ReadScopeFromAnswer(Func<object, RequestScope> read)
    {
        if (!LooksUp)
        {
            throw new InvalidOperationException($"{FullName} finds its scope in the request; reading it from the answer adds nothing.");
        }

        fromAnswer = read;
    }
}
