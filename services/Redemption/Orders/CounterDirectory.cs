using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;

namespace Platform.Redemption.Orders;

/// <summary>
/// Which supermarket a counter belongs to and which villages that supermarket serves, kept in
/// memory once read. Both are fixed when the supermarket is registered (a second registration
/// with other villages is refused, counters are only ever added, never moved or removed), so a
/// remembered answer never goes stale, in this process or another. Only counters that exist are
/// remembered: an unknown code is asked of the database every time.
/// </summary>
internal sealed class CounterDirectory
{
    /// <summary>More counters than any county has; past it the memory starts afresh.</summary>
    private const int Remembered = 10_000;

    private readonly ConcurrentDictionary<string, CounterDesk.CounterPlace> known = new(StringComparer.Ordinal);

    /// <summary>Null when no supermarket has this counter.</summary>
    public async Task<CounterDesk.CounterPlace?> FindAsync(RedemptionDb db, string counter, CancellationToken ct)
    {
        if (known.TryGetValue(counter, out var place))
        {
            return place;
        }

        var supermarket = await db.Counters.AsNoTracking().Where(c => c.Code == counter).Select(c => c.SupermarketCode).FirstOrDefaultAsync(ct);
        if (supermarket is null)
        {
            return null;
        }

        var villages = await db.SupermarketVillages.AsNoTracking().Where(v => v.SupermarketCode == supermarket)
            .Select(v => v.VillageCode).OrderBy(v => v).ToArrayAsync(ct);
        place = new CounterDesk.CounterPlace(counter, supermarket, villages);
        if (known.Count >= Remembered)
        {
            known.Clear();
        }

        known[counter] = place;
        return place;
    }
}
