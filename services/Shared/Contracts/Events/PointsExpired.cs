namespace Platform.Contracts.Events;

/// <summary>
/// A village's points expired at a boundary (decision 0014): the totals of the EXPIRY entries
/// posted. Not a PointsPosted: rankings count what was earned and do not move.
/// </summary>
public sealed record PointsExpired(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VillageCode,
    string Boundary,
    string CutPeriod,
    int Households,
    long Points) : IIntegrationEvent;
