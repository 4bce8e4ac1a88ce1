namespace Platform.Contracts.Events;

/// <summary>
/// Entries posted to a village's ledger in one unit of work: a single award, deduction or
/// reversal, or a whole posting job (split into events of at most a few thousand entries).
/// </summary>
public sealed record PointsPosted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string VillageCode,
    IReadOnlyList<PostedEntry> Entries) : IIntegrationEvent;

/// <summary>One posted entry. Kind is "Award", "Deduction" or "Reversal"; points are signed.</summary>
public sealed record PostedEntry(
    long EntryId,
    string HouseholdNumber,
    string Kind,
    long Points,
    string? RuleCode,
    string Period);
