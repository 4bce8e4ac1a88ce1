using Google.Protobuf.WellKnownTypes;
using Platform.ServiceDefaults.Clock;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Orders;

/// <summary>Orders and returns as the counter sees them.</summary>
internal static class Receipts
{
    public static Api.Receipt From(Order order) => new()
    {
        OrderId = order.Id,
        Status = (Api.OrderStatus)(int)order.Status,
        SupermarketCode = order.SupermarketCode,
        CounterCode = order.CounterCode,
        VillageCode = order.VillageCode,
        HouseholdNumber = order.HouseholdNumber,
        HeadName = order.HeadName,
        Lines = { order.Lines.OrderBy(l => l.LineNumber).Select(Line) },
        PointsSpent = order.Status == OrderStatus.Completed ? order.Points : 0,
        AvailableAfter = order.AvailableAfter,
        At = Stamp(order.EndedAt ?? order.CreatedAt),
        CancelReason = order.CancelReason ?? string.Empty,
        Actor = order.Actor,
    };

    public static Api.ReceiptLine Line(OrderLine line) => new()
    {
        Sku = line.Sku,
        Name = line.Name,
        Unit = line.Unit,
        Quantity = line.Quantity,
        UnitPoints = line.UnitPoints,
        Points = line.Points,
        ReturnedQuantity = line.ReturnedQuantity,
    };

    public static Api.ReturnReceipt From(GoodsReturn goodsReturn, Order order) => new()
    {
        ReturnId = goodsReturn.Id,
        OrderId = goodsReturn.OrderId,
        Lines =
        {
            goodsReturn.Lines.Select(l =>
            {
                var line = order.Lines.First(o => o.Sku == l.Sku);
                return new Api.ReceiptLine
                {
                    Sku = l.Sku,
                    Name = line.Name,
                    Unit = line.Unit,
                    Quantity = l.Quantity,
                    UnitPoints = line.UnitPoints,
                    Points = l.Points,
                };
            }),
        },
        PointsRefunded = goodsReturn.Points,
        At = Stamp(goodsReturn.EndedAt ?? goodsReturn.CreatedAt),
    };

    public static Timestamp Stamp(DateTime utc) => StoredTime.Stamp(utc);
}
