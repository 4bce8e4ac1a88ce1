using System.Globalization;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Redemption.Data;
using Platform.ServiceDefaults.Errors;
using Platform.ServiceDefaults.Paging;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Orders;

/// <summary>gRPC face of a household's own redemptions: its orders as receipts, newest first.</summary>
internal sealed class HouseholdOrdersService(RedemptionDb db) : Api.HouseholdOrders.HouseholdOrdersBase
{
    public override async Task<Api.ListHouseholdOrdersResponse> ListHouseholdOrders(Api.ListHouseholdOrdersRequest request, ServerCallContext context)
    {
        var village = Input.Code(request.VillageCode, "village_code", "village code");
        var number = Input.Code(request.HouseholdNumber, "household_number", "household number");
        var size = Paging.Size(request.PageSize);
        var query = db.Orders.AsNoTracking().Where(o => o.VillageCode == village && o.HouseholdNumber == number);
        if (PageToken.Read(request.PageToken) is var (before, beforeId))
        {
            query = query.Where(o => o.CreatedAt < before || (o.CreatedAt == before && string.Compare(o.Id, beforeId) < 0));
        }

        var page = await query.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id)
            .Include(o => o.Lines).AsSplitQuery().Take(size + 1).ToListAsync(context.CancellationToken);
        var response = new Api.ListHouseholdOrdersResponse { Orders = { page.Take(size).Select(Receipts.From) } };
        if (page.Count > size)
        {
            response.NextPageToken = PageToken.Write(page[size - 1]);
        }

        return response;
    }

    /// <summary>The last order seen: its creation time (ticks) and id.</summary>
    private static class PageToken
    {
        public static string Write(Order order) => $"{order.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}_{order.Id}";

        public static (DateTime Before, string BeforeId)? Read(string? token)
        {
            if (string.IsNullOrEmpty(token))
            {
                return null;
            }

            var split = token.IndexOf('_', StringComparison.Ordinal);
            if (split > 0 && split < token.Length - 1
                && long.TryParse(token[..split], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 and < 3155378975999999999)
            {
                return (new DateTime(ticks, DateTimeKind.Utc), token[(split + 1)..]);
            }

            throw DomainException.Invalid("PAGE_TOKEN_INVALID", "The page token is not one this service gave out; start from the first page.",
                "page_token");
        }
    }
}
