using Google.Rpc;
using Grpc.Core;
using Platform.ServiceDefaults.Errors;

namespace Platform.Redemption.Orders;

/// <summary>How the counter answers an order that is pending, cancelled, or refused by Scoring.</summary>
internal static class RedemptionErrors
{
    public static DomainException Pending(string orderId) => new(StatusCode.Unavailable, "ORDER_PENDING",
        $"Order {orderId} is recorded and its goods reserved, but Scoring has not confirmed the points yet. Do not hand over the goods: ask again with the same order id in a moment; the order is completed or cancelled automatically.",
        ("order_id", orderId));

    public static DomainException Cancelled(Order order) => DomainException.Precondition("ORDER_CANCELLED",
        $"Order {order.Id} was not redeemed: {order.CancelReason}",
        ("order_id", order.Id));

    /// <summary>Scoring's refusal as the counter's: its reason and figures (e.g. the points available) passed on, the order id added.</summary>
    public static DomainException Refused(RpcException ex, Order order)
    {
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        var reason = info?.Reason ?? "POINTS_REFUSED";
        var message = reason == "INSUFFICIENT_POINTS"
            ? $"Not enough points: the order needs {order.Points}. {ex.Status.Detail}"
            : $"Scoring refused the order: {ex.Status.Detail}";
        var metadata = info is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(info.Metadata, StringComparer.Ordinal);
        metadata["order_id"] = order.Id;
        if (reason == "INSUFFICIENT_POINTS")
        {
            metadata["needed"] = ErrorMetadata.Number(order.Points);
        }

        return new DomainException(ex.StatusCode == StatusCode.NotFound ? StatusCode.NotFound : StatusCode.FailedPrecondition, reason, message, metadata);
    }
}
