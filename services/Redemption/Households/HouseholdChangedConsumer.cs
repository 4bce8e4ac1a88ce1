using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Text;

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

            // One conditional statement, not read-then-write: two events of one household handled
            // at once (several consumers, replicas) could otherwise both read the old version and
            // the older one write last. A row being written by a newer event is waited for and
            // then left alone.
            var updated = await db.Households
                .Where(h => h.VillageCode == evt.VillageCode && h.Number == evt.HouseholdNumber && h.Version < evt.Version)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(h => h.Version, evt.Version)
                    .SetProperty(h => h.HeadName, evt.HeadName)
                    .SetProperty(h => h.HeadPinyin, Pinyin.Full(evt.HeadName))
                    .SetProperty(h => h.HeadInitials, Pinyin.Initials(evt.HeadName))
                    .SetProperty(h => h.CardNumber, evt.CardNumber)
                    .SetProperty(h => h.MemberCount, evt.MemberCount)
                    .SetProperty(h => h.PovertyRegistered, evt.PovertyRegistered)
                    .SetProperty(h => h.Monitored, evt.Monitored)
                    .SetProperty(h => h.Over70From, over70From)
                    .SetProperty(h => h.HasMemberOver70, hasMemberOver70)
                    .SetProperty(h => h.Merged, evt.Merged)
                    .SetProperty(h => h.MergedInto, evt.MergedIntoHouseholdNumber)
                    .SetProperty(h => h.UpdatedAt, now), ct);
            if (updated == 1)
            {
                applied = true;
                return;
            }

            if (await db.Households.AnyAsync(h => h.VillageCode == evt.VillageCode && h.Number == evt.HouseholdNumber, ct))
            {
                return; // the copy is as new or newer
            }

            // Not known here yet (its registration event is still on its way). A copy inserted at
            // the same moment by another event fails this one on the key, and the retry updates.
            db.Households.Add(new CachedHousehold
            {
                VillageCode = evt.VillageCode, Number = evt.HouseholdNumber, HeadName = evt.HeadName, Version = evt.Version,
                CardNumber = evt.CardNumber, MemberCount = evt.MemberCount, PovertyRegistered = evt.PovertyRegistered,
                Monitored = evt.Monitored, Over70From = over70From, HasMemberOver70 = hasMemberOver70, Merged = evt.Merged,
                MergedInto = evt.MergedIntoHouseholdNumber, UpdatedAt = now,
            });
            applied = true;
        }, time, context.CancellationToken);
        logger.LogDebug("Household changed {EventId} (version {Version}): {Outcome}", evt.EventId, evt.Version,
            !handled ? "already handled" : applied ? "applied" : "older than the copy");
    }
}
