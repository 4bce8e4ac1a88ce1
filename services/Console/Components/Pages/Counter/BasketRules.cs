using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.WebConsole.Components.Pages.Counter;

/// <summary>
/// What a household cannot take and why, computed from its card and the catalogue so the clerk
/// sees it before trying. No I/O. The service still decides: these are the same rules, shown early.
/// </summary>
internal static class BasketRules
{
    /// <summary>Why one more unit of the item cannot join the basket; <see cref="Obstacle.None"/> when it can.</summary>
    public static Obstacle NextUnit(RedemptionApi.HouseholdCard card, RedemptionApi.Item item, IReadOnlyDictionary<string, int> basket,
        IReadOnlyList<RedemptionApi.Item> catalogue)
    {
        var inBasket = basket.GetValueOrDefault(item.Sku);
        if (!item.Active)
        {
            return Obstacle.Retired;
        }

        if (!Eligible(item.Eligibility, card))
        {
            return Obstacle.NotEligible;
        }

        if (inBasket + 1 > StockLeft(item))
        {
            return Obstacle.OutOfStock;
        }

        if (LimitLeft(card, item) is { } left && inBasket + 1 > left)
        {
            return Obstacle.OverLimit;
        }

        return Total(basket, catalogue) + item.PricePoints > card.AvailablePoints ? Obstacle.NotEnoughPoints : Obstacle.None;
    }

    public static bool Eligible(RedemptionApi.Eligibility eligibility, RedemptionApi.HouseholdCard card) => eligibility switch
    {
        RedemptionApi.Eligibility.Over70 => card.HasMemberOver70,
        RedemptionApi.Eligibility.PovertyRegistered => card.PovertyRegistered,
        RedemptionApi.Eligibility.Monitored => card.Monitored,
        RedemptionApi.Eligibility.PovertyOrMonitored => card.PovertyRegistered || card.Monitored,
        _ => true,
    };

    /// <summary>Units that can be had now: on hand less what pending orders reserve.</summary>
    public static long StockLeft(RedemptionApi.Item item) => Math.Max(0, item.OnHand - item.Reserved);

    /// <summary>Units the household may still take in the item's period; null when the item has no limit.</summary>
    public static int? LimitLeft(RedemptionApi.HouseholdCard card, RedemptionApi.Item item)
    {
        if (item.LimitPerHousehold <= 0)
        {
            return null;
        }

        // The card names the limits of the moment it was looked up; an item limited since then counts from nothing used.
        var use = card.Limits.FirstOrDefault(l => l.Sku == item.Sku);
        return Math.Max(0, (use?.Limit ?? item.LimitPerHousehold) - (use?.Used ?? 0));
    }

    /// <summary>The basket's points at the catalogue's prices.</summary>
    public static long Total(IReadOnlyDictionary<string, int> basket, IReadOnlyList<RedemptionApi.Item> catalogue) =>
        basket.Sum(line => line.Value * (catalogue.FirstOrDefault(i => i.Sku == line.Key)?.PricePoints ?? 0));
}
