using MassTransit;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Households;

/// <summary>Keeps the counters' copy of Scoring's households.</summary>
internal sealed class HouseholdRegisteredConsumer(RedemptionDb db, TimeProvider time, ILogger<HouseholdRegisteredConsumer> logger)
    : IConsumer<HouseholdRegistered>
{
    public async Task Consume(ConsumeContext<HouseholdRegistered> context)
    {
        var evt = context.Message;
        var handled = await db.HandleOnceAsync(evt.EventId, nameof(HouseholdRegisteredConsumer), async ct =>
        {
            // Registration is version 1; a change (HouseholdChanged) that overtook it is newer.
            await HouseholdCopy.ApplyAsync(db, new CachedHousehold
            {
                VillageCode = evt.VillageCode, Number = evt.HouseholdNumber, HeadName = evt.HeadName, Version = 1,
                CardNumber = evt.CardNumber, MemberCount = evt.MemberCount, PovertyRegistered = evt.PovertyRegistered,
                Monitored = evt.Monitored, Over70From = CachedHousehold.Over70FromBirthDates(evt.MemberBirthDates),
                YoungestBornOn = CachedHousehold.YoungestFromBirthDates(evt.MemberBirthDates),
                HasMemberOver70 = evt.HasMemberOver70, UpdatedAt = time.GetUtcNow().UtcDateTime,
            }, sameVersionToo: true, ct);
        }, time, context.CancellationToken);
        // Debug: how replicas share the queue, and whether any delivery was a duplicate (docs/benchmarks.md).
        logger.LogDebug("Household registered {EventId}: {Outcome}", evt.EventId, handled ? "handled" : "already handled");
    }
}
