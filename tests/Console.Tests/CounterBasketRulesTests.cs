using Platform.WebConsole.Components.Pages.Counter;
using static Platform.Console.Tests.CounterSamples;
using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.Console.Tests;

public sealed class CounterBasketRulesTests
{
    private static readonly Dictionary<string, int> Empty = [];

    [Fact]
    public void An_item_the_household_can_afford_and_may_take_has_no_obstacle()
    {
        var rice = Item("RICE", 30);

        Assert.Equal(Obstacle.None, BasketRules.NextUnit(Card(available: 30), rice, Empty, [rice]));
    }

    [Fact]
    public void An_item_dearer_than_the_points_left_after_the_basket_is_marked_not_enough_points()
    {
        var rice = Item("RICE", 30);
        var oil = Item("OIL", 25);
        var basket = new Dictionary<string, int> { ["RICE"] = 1 };

        // 30 in the basket and 25 more is 55, above the 50 available.
        Assert.Equal(Obstacle.NotEnoughPoints, BasketRules.NextUnit(Card(available: 50), oil, basket, [rice, oil]));
        Assert.Equal(Obstacle.None, BasketRules.NextUnit(Card(available: 55), oil, basket, [rice, oil]));
    }

    [Fact]
    public void An_item_for_households_with_someone_over_70_is_not_eligible_for_others()
    {
        var oil = Item("OIL", 10, eligibility: RedemptionApi.Eligibility.Over70);

        Assert.Equal(Obstacle.NotEligible, BasketRules.NextUnit(Card(available: 100), oil, Empty, [oil]));
        Assert.Equal(Obstacle.None, BasketRules.NextUnit(Card(available: 100, over70: true), oil, Empty, [oil]));
    }

    [Fact]
    public void A_poverty_or_monitored_item_is_eligible_to_a_registered_poverty_household()
    {
        var oil = Item("OIL", 10, eligibility: RedemptionApi.Eligibility.PovertyOrMonitored);

        Assert.Equal(Obstacle.None, BasketRules.NextUnit(Card(available: 100, poverty: true), oil, Empty, [oil]));
        Assert.Equal(Obstacle.NotEligible, BasketRules.NextUnit(Card(available: 100), oil, Empty, [oil]));
    }

    [Fact]
    public void Units_reserved_by_pending_orders_are_not_in_stock_for_the_basket()
    {
        var soap = Item("SOAP", 2, onHand: 3, reserved: 2);
        var basket = new Dictionary<string, int> { ["SOAP"] = 1 };

        Assert.Equal(1, BasketRules.StockLeft(soap));
        Assert.Equal(Obstacle.None, BasketRules.NextUnit(Card(available: 100), soap, Empty, [soap]));
        Assert.Equal(Obstacle.OutOfStock, BasketRules.NextUnit(Card(available: 100), soap, basket, [soap]));
    }

    [Fact]
    public void The_monthly_limit_counts_what_the_household_already_took_this_month()
    {
        var rice = Item("RICE", 5, limit: 2);
        var card = Card(100, limits: Limit("RICE", 2, 1));
        var one = new Dictionary<string, int> { ["RICE"] = 1 };

        Assert.Equal(1, BasketRules.LimitLeft(card, rice));
        Assert.Equal(Obstacle.None, BasketRules.NextUnit(card, rice, Empty, [rice]));
        Assert.Equal(Obstacle.OverLimit, BasketRules.NextUnit(card, rice, one, [rice]));
    }

    [Fact]
    public void An_item_limited_after_the_card_was_read_counts_its_limit_from_nothing_used()
    {
        var rice = Item("RICE", 5, limit: 1);

        Assert.Equal(1, BasketRules.LimitLeft(Card(100), rice));
        Assert.Null(BasketRules.LimitLeft(Card(100), Item("OIL", 5)));
    }

    [Fact]
    public void Ineligibility_is_named_before_stock_and_points_so_the_clerk_hears_the_lasting_reason()
    {
        var oil = Item("OIL", 500, onHand: 0, eligibility: RedemptionApi.Eligibility.Monitored);

        Assert.Equal(Obstacle.NotEligible, BasketRules.NextUnit(Card(available: 1), oil, Empty, [oil]));
    }

    [Fact]
    public void A_retired_item_cannot_be_taken()
    {
        var oil = Item("OIL", 1, active: false);

        Assert.Equal(Obstacle.Retired, BasketRules.NextUnit(Card(available: 100), oil, Empty, [oil]));
    }

    [Fact]
    public void The_basket_total_is_quantity_times_price_over_its_lines()
    {
        var basket = new Dictionary<string, int> { ["RICE"] = 2, ["OIL"] = 3 };

        Assert.Equal(2 * 30 + 3 * 25, BasketRules.Total(basket, [Item("RICE", 30), Item("OIL", 25)]));
    }
}
