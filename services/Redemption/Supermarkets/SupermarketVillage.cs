namespace Platform.Redemption.Supermarkets;

/// <summary>One village a supermarket serves.</summary>
internal sealed class SupermarketVillage
{
    public required string SupermarketCode { get; init; }

    public required string VillageCode { get; init; }
}
