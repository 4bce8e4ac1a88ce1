namespace Platform.ServiceDefaults.Security;

/// <summary>What a minted token says: who, in which roles, reaching what, for how long.</summary>
public sealed record TokenRequest(string Subject, IReadOnlyList<Role> Roles, TimeSpan Lifetime)
{
    public IReadOnlyList<string> Villages { get; init; } = [];

    public IReadOnlyList<string> Supermarkets { get; init; } = [];

    public IReadOnlyList<string> Cooperatives { get; init; } = [];

    public HouseholdScope? Household { get; init; }

    /// <summary>When the token starts to be valid; now when not set. Tests set it in the past for an expired token.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}
