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
        }
    }

    public IEnumerable<AccessRule> Rules => rules.Values;

    public AccessRule? Find(string method) => rules.GetValueOrDefault(method);
}
