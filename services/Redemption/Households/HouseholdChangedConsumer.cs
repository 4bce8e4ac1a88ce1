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
            var household = await db.Households.FindAsync([evt.VillageCode, evt.HouseholdNumber], ct);
            if (household is null)
            {
                household = new CachedHousehold { VillageCode = evt.VillageCode, Number = evt.HouseholdNumber, HeadName = evt.HeadName };
                db.Households.Add(household);
            }
            else if (household.Version >= evt.Version)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            household.Version = evt.Version;
            household.HeadName = evt.HeadName;
            household.CardNumber = evt.CardNumber;
            household.MemberCount = evt.MemberCount;
            household.PovertyRegistered = evt.PovertyRegistered;
            household.Monitored = evt.Monitored;
            household.Over70From = CachedHousehold.Over70FromBirthDates(evt.MemberBirthDates);
            household.HasMemberOver70 = household.Over70From is { } from
                ? from <= Goods.ChinaTime.Today(now)
                : evt.HasMemberOver70;
            household.Merged = evt.Merged;
            household.MergedInto = evt.MergedIntoHouseholdNumber;
            household.UpdatedAt = now;
            applied = true;
        }, time, context.CancellationToken);
        logger.LogDebug("Household changed {EventId} (version {Version}): {Outcome}", evt.EventId, evt.Version,
            !handled ? "already handled" : applied ? "applied" : "older than the copy");
    }
}
