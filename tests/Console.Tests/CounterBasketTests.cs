using Platform.WebConsole.Components.Pages.Counter;

namespace Platform.Console.Tests;

public sealed class CounterBasketTests
{
    [Fact]
    public void A_retry_after_a_lost_answer_sends_the_same_order_id_and_lines()
    {
        var basket = new Basket();
        basket.Add("RICE");
        var first = basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");

        basket.Unknown();
        basket.Add("OIL");
        var retry = basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");

        Assert.Equal(first.OrderId, retry.OrderId);
        Assert.Equal(first, retry);
        Assert.Single(retry.Lines);
        Assert.Equal(0, basket.QuantityOf("OIL"));
    }

    [Fact]
    public void Sending_the_basket_twice_before_an_answer_uses_one_order_id()
    {
        var basket = new Basket();
        basket.Add("RICE");

        var first = basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");
        var second = basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");

        Assert.Equal(first.OrderId, second.OrderId);
    }

    [Fact]
    public void After_a_redemption_the_next_basket_is_empty_and_has_a_new_order_id()
    {
        var basket = new Basket();
        basket.Add("RICE");
        var sent = basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");

        basket.Redeemed();

        Assert.True(basket.IsEmpty);
        Assert.NotEqual(sent.OrderId, basket.OrderId);
        Assert.False(basket.OutcomeUnknown);
    }

    [Fact]
    public void A_refused_basket_stays_for_the_clerk_to_change_under_a_new_order_id()
    {
        var basket = new Basket();
        basket.Add("RICE");
        basket.Add("RICE");
        var sent = basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");

        basket.Refused();
        basket.Remove("RICE");

        Assert.Equal(1, basket.QuantityOf("RICE"));
        Assert.NotEqual(sent.OrderId, basket.OrderId);
        Assert.Equal(basket.OrderId, basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin").OrderId);
    }

    [Fact]
    public void Removing_the_last_unit_takes_the_line_out_of_the_request()
    {
        var basket = new Basket();
        basket.Add("RICE");
        basket.Add("OIL");
        basket.Remove("OIL");

        var request = basket.Request("QS-C1", "QINGSHUI", "QS-017", "clerk-lin");

        Assert.Equal(["RICE"], request.Lines.Select(l => l.Sku));
        Assert.Equal("clerk-lin", request.Actor);
    }
}
