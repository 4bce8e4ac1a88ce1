using Platform.Redemption.Goods;
using Platform.Redemption.Households;
using Platform.Redemption.Orders;
using Platform.ServiceDefaults.Errors;
using Xunit;

namespace Platform.RedemptionTests;

public sealed class RedemptionRulesTests
{
    private static readonly CachedHousehold Plain = new() { VillageCode = "V1", Number = "004", HeadName = "Chen Guiying" };
    private static readonly CachedHousehold Elderly = new() { VillageCode = "V1", Number = "001", HeadName = "Wang Xiulan", HasMemberOver70 = true };

    private static Item Item(string sku = "OIL", Eligibility eligibility = Eligibility.Any, bool active = true, int limit = 0, long price = 20) => new()
    {
        SupermarketCode = "SM1", Sku = sku, Name = "Peanut oil", Unit = "bottle", PricePoints = price, Eligibility = eligibility, Active = active,
        LimitPerHousehold = limit,
    };

    [Fact]
    public void An_item_for_households_with_someone_over_70_is_refused_to_others_naming_the_line()
    {
        var line = new RedemptionRules.Line(2, "OIL", 1);

        var ex = Assert.Throws<DomainException>(() => RedemptionRules.Check(line, Item(eligibility: Eligibility.Over70), Plain));

        Assert.Equal("NOT_ELIGIBLE", ex.Reason);
        Assert.Equal("2", ex.Metadata["line"]);
        Assert.Contains("over 70", ex.Message);
        Assert.Equal("OIL", RedemptionRules.Check(line, Item(eligibility: Eligibility.Over70), Elderly).Sku);
    }

    [Theory]
    [InlineData(Eligibility.PovertyRegistered, true, false, true)]
    [InlineData(Eligibility.PovertyRegistered, false, true, false)]
    [InlineData(Eligibility.Monitored, false, true, true)]
    [InlineData(Eligibility.PovertyOrMonitored, false, true, true)]
    [InlineData(Eligibility.PovertyOrMonitored, false, false, false)]
    [InlineData(Eligibility.Any, false, false, true)]
    public void Eligibility_follows_the_household_flags(Eligibility eligibility, bool poverty, bool monitored, bool eligible)
    {
        var household = new CachedHousehold { VillageCode = "V1", Number = "002", HeadName = "Li Jianguo", PovertyRegistered = poverty, Monitored = monitored };
        Assert.Equal(eligible, RedemptionRules.Eligible(eligibility, household));
    }

    [Fact]
    public void A_retired_or_unknown_item_is_refused()
    {
        var line = new RedemptionRules.Line(1, "OIL", 1);
        Assert.Equal("ITEM_RETIRED", Assert.Throws<DomainException>(() => RedemptionRules.Check(line, Item(active: false), Plain)).Reason);
        Assert.Equal("ITEM_NOT_FOUND", Assert.Throws<DomainException>(() => RedemptionRules.Check(line, null, Plain)).Reason);
    }

    [Fact]
    public void A_line_above_the_limit_by_itself_is_refused_before_anything_is_reserved()
    {
        var ex = Assert.Throws<DomainException>(() => RedemptionRules.Check(new RedemptionRules.Line(1, "RICE", 3), Item("RICE", limit: 2), Plain));
        Assert.Equal("LIMIT_REACHED", ex.Reason);
    }

    [Fact]
    public void Lines_must_be_between_one_and_thirty_with_positive_quantities_and_no_repeated_sku()
    {
        Assert.Equal("LINES_INVALID", Assert.Throws<DomainException>(() => RedemptionRules.Lines([])).Reason);
        Assert.Equal("LINES_INVALID", Assert.Throws<DomainException>(() =>
            RedemptionRules.Lines(Enumerable.Range(0, 31).Select(i => ($"S{i}", 1)).ToList())).Reason);
        Assert.Equal("QUANTITY_INVALID", Assert.Throws<DomainException>(() => RedemptionRules.Lines([("RICE", 0)])).Reason);
        Assert.Equal("QUANTITY_INVALID", Assert.Throws<DomainException>(() => RedemptionRules.Lines([("RICE", -3)])).Reason);
        var repeated = Assert.Throws<DomainException>(() => RedemptionRules.Lines([("RICE", 1), ("OIL", 1), (" RICE ", 2)]));
        Assert.Equal("SKU_REPEATED", repeated.Reason);
        Assert.Equal("3", repeated.Metadata["line"]);

        var lines = RedemptionRules.Lines([(" RICE", 2), ("OIL", 1)]);
        Assert.Equal([new RedemptionRules.Line(1, "RICE", 2), new RedemptionRules.Line(2, "OIL", 1)], lines);
    }

    [Fact]
    public void Points_that_would_overflow_are_refused_not_wrapped()
    {
        Assert.Equal(60, RedemptionRules.Points(new RedemptionRules.Line(1, "RICE", 2), Item("RICE", price: 30)));
        Assert.Throws<OverflowException>(() => RedemptionRules.Points(new RedemptionRules.Line(1, "RICE", 1000), Item("RICE", price: long.MaxValue / 10)));
    }

    [Theory]
    [InlineData("2026-11-30T15:59:59Z", LimitPeriod.Month, "2026-11")]
    [InlineData("2026-11-30T16:00:00Z", LimitPeriod.Month, "2026-12")]
    [InlineData("2026-12-31T16:30:00Z", LimitPeriod.Year, "2027")]
    public void Limit_periods_are_months_and_years_of_China_Standard_Time(string utc, LimitPeriod period, string expected)
    {
        var at = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture).UtcDateTime;
        Assert.Equal(expected, ChinaTime.Period(period, at));
    }
}
