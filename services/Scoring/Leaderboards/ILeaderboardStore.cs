namespace Platform.Scoring.Leaderboards;

/// <summary>
/// Red and black lists of a village's month: a projection of the ledger, kept in Redis in
/// distributed mode and in memory in the embedded host, always rebuildable from the ledger.
/// </summary>
internal interface ILeaderboardStore
{
    /// <summary>Adds one event's scores; a second call with the same event id changes nothing.</summary>
    Task ApplyAsync(Guid eventId, IReadOnlyList<LeaderboardScore> scores);

    /// <summary>Replaces a village's month with scores recomputed from the ledger.</summary>
    Task ReplaceAsync(string villageCode, string period, IReadOnlyList<LeaderboardScore> scores);

    Task<IReadOnlyList<(string HouseholdNumber, long Points)>> TopAsync(string villageCode, string period, LeaderboardKind kind, int count);
}

internal enum LeaderboardKind
{
    Red,
    Black,
}

/// <summary>A change to one household's place on one list of one month.</summary>
internal sealed record LeaderboardScore(string VillageCode, string Period, LeaderboardKind Kind, string HouseholdNumber, long Points);
