using MassTransit;
using Platform.Contracts.Events;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Messaging;

namespace Platform.Redemption.Villages;

/// <summary>Keeps Redemption's list of villages, so a supermarket can only serve real villages.</summary>
internal sealed class VillageRegisteredConsumer(RedemptionDb db, TimeProvider time) : IConsumer<VillageRegistered>
{
    public async Task Consume(ConsumeContext<VillageRegistered> context)
    {
        var evt = context.Message;
        await db.HandleOnceAsync(evt.EventId, nameof(VillageRegisteredConsumer), async ct =>
        {
            var village = await db.KnownVillages.FindAsync([evt.VillageCode], ct);
            if (village is null)
            {
                db.KnownVillages.Add(new KnownVillage
                {
                    Code = evt.VillageCode,
                    Name = evt.Name,
                    Township = evt.Township,
                    County = evt.County,
                    LearnedAt = time.GetUtcNow().UtcDateTime,
                });
            }
            else
            {
                village.Name = evt.Name;
                village.Township = evt.Township;
                village.County = evt.County;
            }
        }, time, context.CancellationToken);
    }
}
