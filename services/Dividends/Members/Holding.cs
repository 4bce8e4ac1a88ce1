using Platform.Dividends.Allocation;

namespace Platform.Dividends.Members;

/// <summary>Shares of one class a member holds between two days (both inclusive; no end: still held).</summary>
internal sealed class Holding
{
    public long Id { get; init; }

    public required string CooperativeCode { get; init; }

    public long MemberId { get; init; }

    public ShareClass Class { get; init; }

    public long Quantity { get; init; }

    public DateOnly EffectiveFrom { get; init; }

    public DateOnly? EffectiveTo { get; init; }

    public DateTime RecordedAt { get; init; }
}
