using MassTransit;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Households;

/// <summary>
/// Keeps the counters' copy of a household following Scoring's changes (members, head, poverty
/// status, card, split, merge). Each event is the whole picture with a version, so the copy
/// takes the newest and an older event arriving late changes nothing.
/// </summary>
internal sealed class HouseholdChangedConsumer(RedemptionDb db, TimeProvider time, ILogger<HouseholdChangedConsumer> logger)
    : IConsumer<HouseholdChanged>
{
    public async Task Consume(ConsumeContext<HouseholdChanged> context)
    {
        var evt = context.Message;
        var applied = false;
        var handled = await db.HandleOnceAsync(evt.EventId, nameof(HouseholdChangedConsumer), async ct =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            var over70From = CachedHousehold.Over70FromBirthDates(evt.MemberBirthDates);
            var hasMemberOver70 = over70From is { } from ? from <= Goods.ChinaTime.Today(now) : evt.HasMemberOver70;

            applied = await HouseholdCopy.ApplyAsync(db, new CachedHousehold
            {
                VillageCode = evt.VillageCode, Number = evt.HouseholdNumber, HeadName = evt.HeadName, Version = evt.Version,
                CardNumber = evt.CardNumber, MemberCount = evt.MemberCount, PovertyRegistered = evt.PovertyRegistered,
                Monitored = evt.Monitored, Over70From = over70From,
                YoungestBornOn = CachedHousehold.YoungestFromBirthDates(evt.MemberBirthDates), HasMemberOver70 = hasMemberOver70, Merged = evt.Merged,
                MergedInto = evt.MergedIntoHouseholdNumber, UpdatedAt = now,
            }, sameVersionToo: false, ct);
        }, time, context.CancellationToken);
        logger.LogDebug("Household changed {EventId} (version {Version}): {Outcome}", evt.EventId, evt.Version,
            !handled ? "already handled" : applied ? "applied" : "older than the copy");
    }
}
