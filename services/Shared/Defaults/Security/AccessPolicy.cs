namespace Platform.ServiceDefaults.Security;

/// <summary>Every access table the host serves, by gRPC method name.</summary>
internal sealed class AccessPolicy
{
    private readonly Dictionary<string, AccessRule> rules = new(StringComparer.Ordinal);

    public AccessPolicy(IEnumerable<AccessTable> tables)
    {
        foreach (var rule in tables.SelectMany(t => t.Rules))
        {
            if (!rules.TryAdd(rule.FullName, rule))
            {
                throw new InvalidOperationException($"{rule.FullName} has access rules in two tables.");
            }

            // Fail closed: a service's own key reaches only what a line grants it by name.
            if (rule.Kind != AccessKind.Public && rule.Allows(Role.Service) && rule.Services.Count == 0)
            {
                throw new InvalidOperationException(
                    $"{rule.FullName} allows the role service without naming which services: add .ForServices(\"...\") after its line.");
            }
        }
    }

    public IEnumerable<AccessRule> Rules => rules.Values;

    public AccessRule? Find(string method) => rules.GetValueOrDefault(method);
}
