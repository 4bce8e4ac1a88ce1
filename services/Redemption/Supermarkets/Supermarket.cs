namespace Platform.Redemption.Supermarkets;

/// <summary>A love supermarket (爱心超市) and the villages whose households may shop there.</summary>
internal sealed class Supermarket
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public DateTime RegisteredAt { get; init; }

    public List<SupermarketVillage> Villages { get; init; } = [];

    public List<SupermarketCounter> Counters { get; init; } = [];
}
