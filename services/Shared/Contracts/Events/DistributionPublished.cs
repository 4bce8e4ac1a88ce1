namespace Platform.Contracts.Events;

/// <summary>Dividends put an approved distribution on public notice. Amounts in fen.</summary>
public sealed record DistributionPublished(
    Guid EventId,
    DateTimeOffset OccurredAt,
    long DistributionId,
    string CooperativeCode,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    int PolicyVersion,
    long DistributableFen,
    long AllocatedFen,
    int Members,
    DateTimeOffset NoticeEndsAt) : IIntegrationEvent;
