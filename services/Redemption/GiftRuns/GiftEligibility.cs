using Platform.Redemption.Households;

namespace Platform.Redemption.GiftRuns;

/// <summary>
/// Whether a household is eligible for a gift run by its rule, on the run's day. A merged
/// household is never eligible: its members belong to the household it was merged into.
/// </summary>
internal static class GiftEligibility
{
    public const int MaxChildAge = 18;

    public static bool Eligible(CachedHousehold household, GiftRule rule, int childAgeUnder, DateOnly day) =>
        !household.Merged && rule switch
        {
            GiftRule.MemberOver70 => household.HasMemberOver70On(day),
            GiftRule.ChildUnderAge => household.HasChildUnderOn(childAgeUnder, day),
            GiftRule.PovertyRegistered => household.PovertyRegistered,
            GiftRule.Monitored => household.Monitored,
            _ => false,
        };

    /// <summary>The rule in words, for refusals and the run's description.</summary>
    public static string Describe(GiftRule rule, int childAgeUnder) => rule switch
    {
        GiftRule.List => "the households listed",
        GiftRule.MemberOver70 => "households with someone aged 70 or over",
        GiftRule.ChildUnderAge => $"households with a child under {childAgeUnder}",
        GiftRule.PovertyRegistered => "registered poverty households",
        GiftRule.Monitored => "monitored households",
        _ => "nobody",
    };
}
