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
            var household = await db.Households.FindAsync([evt.VillageCode, evt.HouseholdNumber], ct);
            if (household is null)
            {
                household = new CachedHousehold { VillageCode = evt.VillageCode, Number = evt.HouseholdNumber, HeadName = evt.HeadName };
                db.Households.Add(household);
            }

            else if (household.Version > 1)
            {
                // A change (HouseholdChanged) overtook the registration: the copy is newer.
                return;
            }

            household.Version = 1;
            household.CardNumber = evt.CardNumber;
            household.Over70From = CachedHousehold.Over70FromBirthDates(evt.MemberBirthDates);
            household.HeadName = evt.HeadName;
            household.MemberCount = evt.MemberCount;
            household.PovertyRegistered = evt.PovertyRegistered;
            household.Monitored = evt.Monitored;
            household.HasMemberOver70 = evt.HasMemberOver70;
            household.UpdatedAt = time.GetUtcNow().UtcDateTime;
        }, time, context.CancellationToken);
        // Debug: how replicas share the queue, and whether any delivery was a duplicate (docs/benchmarks.md).
        logger.LogDebug("Household registered {EventId}: {Outcome}", evt.EventId, handled ? "handled" : "already handled");
    }
}
