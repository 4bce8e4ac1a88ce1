namespace Platform.Dividends.Cooperatives;

/// <summary>A cooperative that pays dividends to its member households.</summary>
internal sealed class Cooperative
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public CooperativeKind Kind { get; init; }

    public required string VillageCode { get; init; }

    public DateTime RegisteredAt { get; init; }
}
