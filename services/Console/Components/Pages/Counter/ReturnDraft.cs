using RedemptionApi = Platform.Contracts.Redemption.V1;

namespace Platform.WebConsole.Components.Pages.Counter;

/// <summary>
/// Goods being brought back from one receipt: quantities per line, at most what can still come
/// back, and the return id, chosen once and sent again on a retry so points are refunded once.
/// </summary>
public sealed class ReturnDraft(RedemptionApi.Receipt receipt)
{
    private readonly Dictionary<string, int> quantities = new(StringComparer.Ordinal);

    public string ReturnId { get; private set; } = NewReturnId();

    public RedemptionApi.ReturnGoodsRequest? Sent { get; private set; }

    public bool OutcomeUnknown { get; private set; }

    public int QuantityOf(string sku) => quantities.GetValueOrDefault(sku);

    public int MostOf(string sku) => receipt.Lines.FirstOrDefault(l => l.Sku == sku) is { } line ? ReceiptFigures.Returnable(line) : 0;

    public bool IsEmpty => quantities.Values.All(q => q == 0);

    /// <summary>Sets a line's quantity, kept between nothing and what can still come back.</summary>
    public void Set(string sku, int quantity)
    {
        if (!OutcomeUnknown)
        {
            quantities[sku] = Math.Clamp(quantity, 0, MostOf(sku));
        }
    }

    public long Points => receipt.Lines.Sum(l => QuantityOf(l.Sku) * l.UnitPoints);

    public RedemptionApi.ReturnGoodsRequest Request(string reason, string actor)
    {
        if (OutcomeUnknown && Sent is not null)
        {
            return Sent;
        }

        Sent = new RedemptionApi.ReturnGoodsRequest
        {
            ReturnId = ReturnId,
            OrderId = receipt.OrderId,
            Reason = reason.Trim(),
            Actor = actor,
            Lines =
            {
                receipt.Lines.Where(l => QuantityOf(l.Sku) > 0)
                    .Select(l => new RedemptionApi.RedeemLine { Sku = l.Sku, Quantity = QuantityOf(l.Sku) }),
            },
        };
        return Sent;
    }

    public void Unknown() => OutcomeUnknown = Sent is not null;

    /// <summary>Refused: nothing was refunded; the clerk may change the draft, under a new id.</summary>
    public void Refused()
    {
        ReturnId = NewReturnId();
        Sent = null;
        OutcomeUnknown = false;
    }

    private static string NewReturnId() => "RET-" + Guid.CreateVersion7().ToString("N");
}
