using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Leaderboards;
using Platform.Testing;
using StackExchange.Redis;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>The red and black lists as Redis sorted sets, fed by events over RabbitMQ.</summary>
public sealed class LeaderboardsOnRedisTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    [Fact]
    public async Task Posted_points_reach_the_redis_leaderboard_and_a_rebuild_from_the_ledger_agrees()
    {
        Assert.IsType<RedisLeaderboardStore>(scoring.App.Services.GetRequiredService<ILeaderboardStore>());
        await scoring.AwardAsync(35, "leaderboard");
        var period = scoring.Clock.GetUtcNow().AddDays(-4).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var red = new GetLeaderboardRequest { VillageCode = scoring.Village, Period = period, List = LeaderboardList.Red };

        await Poller.UntilAsync(async () => (await scoring.Ledger.GetLeaderboardAsync(red)).Lines.Any(l => l.HouseholdNumber == "001"),
            "the points-posted event reaches Redis", TimeSpan.FromSeconds(30));
        var fed = await scoring.Ledger.GetLeaderboardAsync(red);
        var redis = scoring.App.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        Assert.Equal(fed.Lines.Single(l => l.HouseholdNumber == "001").Points,
            (long)(await redis.SortedSetScoreAsync($"scoring:lb:{scoring.Village}:{period}:red", "001"))!);

        var rebuilt = await scoring.Ledger.RebuildLeaderboardAsync(new RebuildLeaderboardRequest { VillageCode = scoring.Village, Period = period });
        Assert.Equal(fed.Lines, rebuilt.Lines);
    }

    [Fact]
    public async Task An_event_applied_twice_to_redis_counts_once()
    {
        var store = scoring.App.Services.GetRequiredService<ILeaderboardStore>();
        var village = $"IT-LB-{Guid.NewGuid():N}"[..20];
        var eventId = Guid.NewGuid();
        LeaderboardScore[] scores = [new(village, "2026-11", LeaderboardKind.Black, "009", 20)];

        await store.ApplyAsync(eventId, scores);
        await store.ApplyAsync(eventId, scores);
        await store.ApplyAsync(Guid.NewGuid(), scores);

        Assert.Equal([("009", 40L)], await store.TopAsync(village, "2026-11", LeaderboardKind.Black, 10));
    }
}
