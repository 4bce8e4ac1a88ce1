using Platform.Redemption.Households;

namespace Platform.Redemption.GiftRuns;

/// <summary>What a new run is to be, checked: the item, the share, the rule and (for a list) the households named.</summary>
internal sealed record GiftRunPlan(
    string Supermarket,
    string Sku,
    long QuantityPerHousehold,
    string Title,
    GiftRule Rule,
    int ChildAgeUnder,
    DateOnly OnDay,
    IReadOnlyList<(string Village, string Number)> Listed,
    string Actor)
{
    /// <summary>The households of the supermarket's villages (known to the counters) this plan makes eligible.</summary>
    public IEnumerable<CachedHousehold> Choose(IEnumerable<CachedHousehold> households)
    {
        if (Rule != GiftRule.List)
        {
            return households.Where(h => GiftEligibility.Eligible(h, Rule, ChildAgeUnder, OnDay));
        }

        var listed = Listed.ToHashSet();
        return households.Where(h => !h.Merged && listed.Contains((h.VillageCode, h.Number)));
    }
}
