namespace Platform.Contracts.Events;

/// <summary>
/// A village's points due to expire at a coming boundary (decision 0014), sent once per village
/// and boundary, the policy's notice days ahead. Households lists only those with points due.
/// </summary>
public sealed record PointsExpiring(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VillageCode,
    string Boundary,
    DateTimeOffset ExpiresAt,
    string CutPeriod,
    IReadOnlyList<ExpiringHousehold> Households) : IIntegrationEvent;

/// <summary>Points a household will lose at the boundary unless it spends them first.</summary>
public sealed record ExpiringHousehold(string HouseholdNumber, long Points);
