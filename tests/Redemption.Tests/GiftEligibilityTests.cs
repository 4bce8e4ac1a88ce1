using Platform.Redemption.GiftRuns;
using Platform.Redemption.Households;
using Xunit;

namespace Platform.RedemptionTests;

/// <summary>Who a gift run's rule picks, on the run's day, without a server.</summary>
public sealed class GiftEligibilityTests
{
    private static readonly DateOnly DragonBoat = new(2026, 6, 19);

    [Theory]
    [InlineData("1956-06-19", true)]
    [InlineData("1956-06-20", false)]
    public void Someone_is_over_70_from_the_70th_birthday_on(string oldestBorn, bool eligible)
    {
        var household = Household(over70From: DateOnly.Parse(oldestBorn, System.Globalization.CultureInfo.InvariantCulture).AddYears(70));

        Assert.Equal(eligible, GiftEligibility.Eligible(household, GiftRule.MemberOver70, 0, DragonBoat));
    }

    [Theory]
    [InlineData("2014-06-20", true)]
    [InlineData("2014-06-19", false)]
    public void A_child_is_under_12_until_the_12th_birthday(string youngestBorn, bool eligible)
    {
        var household = Household(youngestBornOn: DateOnly.Parse(youngestBorn, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(eligible, GiftEligibility.Eligible(household, GiftRule.ChildUnderAge, 12, DragonBoat));
    }

    [Fact]
    public void A_household_without_birth_dates_has_no_children_by_rule_and_keeps_its_typed_over_70_flag()
    {
        var household = Household(flagOver70: true);

        Assert.False(GiftEligibility.Eligible(household, GiftRule.ChildUnderAge, 18, DragonBoat));
        Assert.True(GiftEligibility.Eligible(household, GiftRule.MemberOver70, 0, DragonBoat));
    }

    [Fact]
    public void A_merged_household_is_never_eligible()
    {
        var household = Household(flagOver70: true);
        household.PovertyRegistered = true;
        household.Merged = true;

        Assert.All(Enum.GetValues<GiftRule>(), rule => Assert.False(GiftEligibility.Eligible(household, rule, 12, DragonBoat)));
    }

    [Fact]
    public void The_youngest_birth_date_is_kept_from_the_members_birth_dates()
    {
        Assert.Equal(new DateOnly(2015, 3, 1), CachedHousehold.YoungestFromBirthDates([new(1950, 1, 1), new(2015, 3, 1), new(1980, 7, 7)]));
        Assert.Null(CachedHousehold.YoungestFromBirthDates([]));
    }

    private static CachedHousehold Household(DateOnly? over70From = null, DateOnly? youngestBornOn = null, bool flagOver70 = false) => new()
    {
        VillageCode = "V1", Number = "001", HeadName = "Wang Xiulan", Over70From = over70From, YoungestBornOn = youngestBornOn, HasMemberOver70 = flagOver70,
    };
}
