namespace Platform.Dividends.Allocation;

/// <summary>A quantity of one class held from a day to a day, both inclusive (To null: still held).</summary>
internal sealed record HeldShares(ShareClass Class, long Quantity, DateOnly From, DateOnly? To);
