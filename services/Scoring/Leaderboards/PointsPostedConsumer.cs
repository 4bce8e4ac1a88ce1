using MassTransit;
using Platform.Contracts.Events;

namespace Platform.Scoring.Leaderboards;

/// <summary>Feeds the red and black lists from posted points. Idempotent by event id.</summary>
internal sealed class PointsPostedConsumer(ILeaderboardStore store) : IConsumer<PointsPosted>
{
    public Task Consume(ConsumeContext<PointsPosted> context) =>
        store.ApplyAsync(context.Message.EventId,
            LeaderboardScores.From(context.Message.VillageCode, context.Message.Entries).ToList());
}
