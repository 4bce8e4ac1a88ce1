namespace Platform.Dividends.Members;

/// <summary>A member's trade with the cooperative in a period, in fen.</summary>
internal sealed class PatronageRecord
{
    public required string CooperativeCode { get; init; }

    public long MemberId { get; init; }

    public DateOnly PeriodFrom { get; init; }

    public DateOnly PeriodTo { get; init; }

    public long AmountFen { get; set; }

    public DateTime RecordedAt { get; set; }
}
