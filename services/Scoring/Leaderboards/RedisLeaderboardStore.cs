using StackExchange.Redis;

namespace Platform.Scoring.Leaderboards;

/// <summary>
/// Leaderboards as Redis sorted sets, one per village, month and list, under the "scoring:"
/// prefix. An event is applied by one Lua script that first marks its id as seen, so a
/// redelivered event changes nothing and a partial application cannot happen.
/// </summary>
internal sealed class RedisLeaderboardStore(IConnectionMultiplexer redis) : ILeaderboardStore
{
    private static readonly TimeSpan SeenFor = TimeSpan.FromDays(14);

    // KEYS[1] = the seen-marker; then KEYS[i+1] / ARGV[2i], ARGV[2i+1] = set, increment, member.
    private const string ApplyScript = """
        if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
          for i = 2, #KEYS do
            redis.call('ZINCRBY', KEYS[i], ARGV[2 * i - 2], ARGV[2 * i - 1])
          end
          return 1
        end
        return 0
        """;

    public async Task ApplyAsync(Guid eventId, IReadOnlyList<LeaderboardScore> scores)
    {
        var keys = new List<RedisKey>(scores.Count + 1) { $"scoring:lb:seen:{eventId:N}" };
        var args = new List<RedisValue>(scores.Count * 2 + 1) { (long)SeenFor.TotalSeconds };
        foreach (var s in scores)
        {
            keys.Add(Key(s.VillageCode, s.Period, s.Kind));
            args.Add(s.Points);
            args.Add(s.HouseholdNumber);
        }

        await redis.GetDatabase().ScriptEvaluateAsync(ApplyScript, keys.ToArray(), args.ToArray());
    }

    public async Task ReplaceAsync(string villageCode, string period, IReadOnlyList<LeaderboardScore> scores)
    {
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        foreach (var kind in Enum.GetValues<LeaderboardKind>())
        {
            var key = Key(villageCode, period, kind);
            _ = transaction.KeyDeleteAsync(key);
            var entries = scores.Where(s => s.Kind == kind).GroupBy(s => s.HouseholdNumber)
                .Select(g => new SortedSetEntry(g.Key, g.Sum(s => s.Points))).ToArray();
            if (entries.Length > 0)
            {
                _ = transaction.SortedSetAddAsync(key, entries);
            }
        }

        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<(string HouseholdNumber, long Points)>> TopAsync(string villageCode, string period, LeaderboardKind kind, int count)
    {
        var entries = await redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(
            Key(villageCode, period, kind), start: 1, order: Order.Descending, take: count);
        return entries.Select(e => ((string)e.Element!, (long)e.Score)).ToList();
    }

    private static string Key(string village, string period, LeaderboardKind kind) =>
        $"scoring:lb:{village}:{period}:{(kind == LeaderboardKind.Red ? "red" : "black")}";
}
