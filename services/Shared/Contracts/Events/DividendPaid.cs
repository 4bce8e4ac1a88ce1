namespace Platform.Contracts.Events;

/// <summary>Dividends paid a member's dividend; published once per payout.</summary>
public sealed record DividendPaid(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string PayoutId,
    long DistributionId,
    string CooperativeCode,
    long MemberId,
    long AmountFen,
    string Method) : IIntegrationEvent;
