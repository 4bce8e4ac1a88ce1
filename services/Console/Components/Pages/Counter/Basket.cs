using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.WebConsole.Components.Pages.Counter;

/// <summary>
/// One household's basket at the counter and the order id that redeems it. The id is chosen once
/// per basket and sent again on a retry, so a double click or a lost answer never charges twice;
/// while an outcome is unknown the basket is frozen, because the same id with other lines is refused.
/// Public only because a component (public by Razor) takes it as a parameter.
/// </summary>
public sealed class Basket
{
    private readonly Dictionary<string, int> quantities = new(StringComparer.Ordinal);

    public string OrderId { get; private set; } = NewOrderId();

    /// <summary>The request last sent; kept while its outcome is unknown, to be sent again as it was.</summary>
    public RedemptionApi.RedeemRequest? Sent { get; private set; }

    /// <summary>The last call may have been carried out: only a retry with the same request may follow.</summary>
    public bool OutcomeUnknown { get; private set; }

    public IReadOnlyDictionary<string, int> Quantities => quantities;

    public bool IsEmpty => quantities.Count == 0;

    public int QuantityOf(string sku) => quantities.GetValueOrDefault(sku);

    public void Add(string sku)
    {
        if (!OutcomeUnknown)
        {
            quantities[sku] = QuantityOf(sku) + 1;
        }
    }

    public void Remove(string sku)
    {
        if (OutcomeUnknown || !quantities.TryGetValue(sku, out var quantity))
        {
            return;
        }

        if (quantity <= 1)
        {
            quantities.Remove(sku);
        }
        else
        {
            quantities[sku] = quantity - 1;
        }
    }

    /// <summary>The request to send: the one already sent while its outcome is unknown, otherwise the basket as it is.</summary>
    public RedemptionApi.RedeemRequest Request(string counter, string village, string household, string actor)
    {
        if (OutcomeUnknown && Sent is not null)
        {
            return Sent;
        }

        Sent = new RedemptionApi.RedeemRequest
        {
            OrderId = OrderId,
            CounterCode = counter,
            VillageCode = village,
            HouseholdNumber = household,
            Actor = actor,
            Lines = { quantities.Select(q => new RedemptionApi.RedeemLine { Sku = q.Key, Quantity = q.Value }) },
        };
        return Sent;
    }

    /// <summary>Redeemed: the next basket is a new order.</summary>
    public void Redeemed()
    {
        quantities.Clear();
        Forget();
    }

    /// <summary>Refused: nothing was spent; the basket stays for the clerk to change, under a new id (the refused one is used up).</summary>
    public void Refused() => Forget();

    /// <summary>The answer was lost: keep the id and the lines for a retry.</summary>
    public void Unknown() => OutcomeUnknown = Sent is not null;

    private void Forget()
    {
        OrderId = NewOrderId();
        Sent = null;
        OutcomeUnknown = false;
    }

    private static string NewOrderId() => "ORD-" + Guid.CreateVersion7().ToString("N");
}
