namespace Platform.Contracts.Events;

/// <summary>One SKU of a redemption or a return: units and the points they were worth.</summary>
public sealed record RedeemedLine(string Sku, int Quantity, long Points);
