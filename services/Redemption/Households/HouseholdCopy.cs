using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;

namespace Platform.Redemption.Households;

/// <summary>
/// Writes an event's picture of a household into the counters' copy, for both household events.
/// One conditional statement, not a read and a write: two events of one household handled at once
/// (competing consumers, replicas) could otherwise both read the old version and the older one be
/// written last (seen in 2 of 9 runs of HouseholdCopyOnPostgresTests before this). A row being
/// written by a newer event is waited for and then left alone.
/// </summary>
internal static class HouseholdCopy
{
    /// <summary>
    /// Applies <paramref name="picture"/> where the copy's version is below the picture's (or equal,
    /// with <paramref name="sameVersionToo"/>: a registration completes a copy filled from Scoring
    /// at version 1, which has no birth dates), or adds it where the household is not known yet.
    /// False when the copy is newer. A copy added at the same moment by another event fails this
    /// one on the key, and the message's retry then updates.
    /// </summary>
    public static async Task<bool> ApplyAsync(RedemptionDb db, CachedHousehold picture, bool sameVersionToo, CancellationToken ct)
    {
        var updated = await db.Households
            .Where(h => h.VillageCode == picture.VillageCode && h.Number == picture.Number
                && (h.Version < picture.Version || (sameVersionToo && h.Version == picture.Version)))
            .ExecuteUpdateAsync(u => u
                .SetProperty(h => h.Version, picture.Version)
                .SetProperty(h => h.HeadName, picture.HeadName)
                .SetProperty(h => h.HeadPinyin, picture.HeadPinyin)
                .SetProperty(h => h.HeadInitials, picture.HeadInitials)
                .SetProperty(h => h.CardNumber, picture.CardNumber)
                .SetProperty(h => h.MemberCount, picture.MemberCount)
                .SetProperty(h => h.PovertyRegistered, picture.PovertyRegistered)
                .SetProperty(h => h.Monitored, picture.Monitored)
                .SetProperty(h => h.Over70From, picture.Over70From)
                .SetProperty(h => h.YoungestBornOn, picture.YoungestBornOn)
                .SetProperty(h => h.HasMemberOver70, picture.HasMemberOver70)
                .SetProperty(h => h.Merged, picture.Merged)
                .SetProperty(h => h.MergedInto, picture.MergedInto)
                .SetProperty(h => h.UpdatedAt, picture.UpdatedAt), ct);
        if (updated == 1)
        {
            return true;
        }

        if (await db.Households.AnyAsync(h => h.VillageCode == picture.VillageCode && h.Number == picture.Number, ct))
        {
            return false;
        }

        db.Households.Add(picture);
        return true;
    }
}
