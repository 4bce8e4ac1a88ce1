namespace Platform.ServiceDefaults.Security;

/// <summary>
/// What a trusted key may sign: any token (one key for everything), people's tokens (any role
/// but service), or the service tokens of one named service.
/// </summary>
public sealed record KeyTrust(KeyTrustKind Kind, string? Service)
{
    public static KeyTrust Everything { get; } = new(KeyTrustKind.Everything, null);

    public static KeyTrust People { get; } = new(KeyTrustKind.People, null);

    public static KeyTrust OfService(string name) => new(KeyTrustKind.Service, name);

    /// <summary>The subject a service key's tokens must carry.</summary>
    public string? ServiceSubject => Service is null ? null : ServiceToken.SubjectPrefix + Service;

    public override string ToString() => Kind switch
    {
        KeyTrustKind.People => "a people key",
        KeyTrustKind.Service => $"the key of service {Service}",
        _ => "a key for every token",
    };
}

public enum KeyTrustKind
{
    Everything,
    People,
    Service,
}
