namespace Platform.Redemption.Supermarkets;

/// <summary>A counter (till) of a supermarket; its code is unique across supermarkets.</summary>
internal sealed class SupermarketCounter
{
    public required string Code { get; set; }

    public required string SupermarketCode { get; set; }
}
