using System.Collections.Concurrent;

namespace Platform.Scoring.Leaderboards;

/// <summary>The embedded host's stand-in for Redis: the same behaviour, in process.</summary>
internal sealed class InMemoryLeaderboardStore : ILeaderboardStore
{
    private readonly ConcurrentDictionary<(string Village, string Period, LeaderboardKind Kind), Dictionary<string, long>> boards = new();
    private readonly HashSet<Guid> applied = [];
    private readonly Lock gate = new();

    public Task ApplyAsync(Guid eventId, IReadOnlyList<LeaderboardScore> scores)
    {
        lock (gate)
        {
            if (!applied.Add(eventId))
            {
                return Task.CompletedTask;
            }

            foreach (var s in scores)
            {
                var board = boards.GetOrAdd((s.VillageCode, s.Period, s.Kind), _ => new Dictionary<string, long>());
                board[s.HouseholdNumber] = board.GetValueOrDefault(s.HouseholdNumber) + s.Points;
            }
        }

        return Task.CompletedTask;
    }

    public Task ReplaceAsync(string villageCode, string period, IReadOnlyList<LeaderboardScore> scores)
    {
        lock (gate)
        {
            foreach (var kind in Enum.GetValues<LeaderboardKind>())
            {
                boards[(villageCode, period, kind)] = scores.Where(s => s.Kind == kind)
                    .GroupBy(s => s.HouseholdNumber).ToDictionary(g => g.Key, g => g.Sum(s => s.Points));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<(string HouseholdNumber, long Points)>> TopAsync(string villageCode, string period, LeaderboardKind kind, int count)
    {
        lock (gate)
        {
            IReadOnlyList<(string, long)> top = boards.TryGetValue((villageCode, period, kind), out var board)
                ? board.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Take(count).Select(kv => (kv.Key, kv.Value)).ToList()
                : [];
            return Task.FromResult(top);
        }
    }
}
