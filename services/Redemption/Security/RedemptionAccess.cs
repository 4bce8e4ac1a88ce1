using Platform.ServiceDefaults.Security;
using static Platform.ServiceDefaults.Security.Role;
using Api = Platform.Contracts.Redemption.V1;

namespace Platform.Redemption.Security;

/// <summary>
/// Who may call each of Redemption's RPCs, and what each request is about. One line per RPC; an
/// RPC without a line is refused to everyone (a new RPC gets its line here). Auditors are added
/// to every Read. The matrix in docs/security.md is generated from this table.
/// </summary>
internal static class RedemptionAccess
{
    // Who runs a supermarket: the county, the village admins of the villages it serves, its clerks.
    private static readonly Role[] Staff = [CountyAdmin, VillageAdmin, Clerk];
    private static readonly Role[] Office = [CountyAdmin, VillageAdmin];

    public static AccessTable Table { get; } = new AccessTable()
        .Service(Api.Supermarkets.Descriptor)
            .Write<Api.RegisterSupermarketRequest>("RegisterSupermarket", [CountyAdmin, VillageAdmin], r => Scope.Villages(r.VillageCodes))
            .Read<Api.GetSupermarketRequest>("GetSupermarket", [CountyAdmin, Clerk], r => Scope.Supermarket(r.Code))
            .Read<Api.ListKnownVillagesRequest>("ListKnownVillages", [CountyAdmin, VillageAdmin, Clerk], r => Scope.None)
            .Write<Api.AddCounterRequest>("AddCounter", Office, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
        .Service(Api.Goods.Descriptor)
            .Write<Api.DefineItemRequest>("DefineItem", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.DefineItemRequest>(r => r.Actor)
            .Write<Api.RetireItemRequest>("RetireItem", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.RetireItemRequest>(r => r.Actor)
            .Read<Api.GetItemRequest>("GetItem", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.ListItemsRequest>("ListItems", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
        .Service(Api.Stock.Descriptor)
            .Write<Api.ReceiveDonationRequest>("ReceiveDonation", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.ReceiveDonationRequest>(r => r.Actor)
            .Write<Api.ReceivePurchaseRequest>("ReceivePurchase", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.ReceivePurchaseRequest>(r => r.Actor)
            .Write<Api.WriteOffRequest>("WriteOff", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.WriteOffRequest>(r => r.Actor)
            .Write<Api.CountStockRequest>("CountStock", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.CountStockRequest>(r => r.Actor)
            // The sending supermarket decides a transfer.
            .Write<Api.TransferRequest>("Transfer", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.FromSupermarketCode, ct))
            .ActingAs<Api.TransferRequest>(r => r.Actor)
            .Read<Api.ListMovementsRequest>("ListMovements", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.ListExpiringLotsRequest>("ListExpiringLots", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Write<Api.WriteOffExpiredRequest>("WriteOffExpired", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.WriteOffExpiredRequest>(r => r.Actor)
        .Service(Api.Counter.Descriptor)
            .Read<Api.FindHouseholdsRequest>("FindHouseholds", [Clerk], (r, sp, ct) => RedemptionScopes.CounterAsync(sp, r.CounterCode, ct))
            .Read<Api.LookupHouseholdRequest>("LookupHousehold", [Clerk], (r, sp, ct) => RedemptionScopes.CounterAsync(sp, r.CounterCode, ct))
            .Write<Api.RedeemRequest>("Redeem", [Clerk], (r, sp, ct) => RedemptionScopes.CounterAsync(sp, r.CounterCode, r.VillageCode, ct))
            .ActingAs<Api.RedeemRequest>(r => r.Actor)
            .Read<Api.GetOrderRequest>("GetOrder", [CountyAdmin, Clerk], (r, sp, ct) => RedemptionScopes.OrderAsync(sp, r.OrderId, ct))
            .Write<Api.ReturnGoodsRequest>("ReturnGoods", [Clerk], (r, sp, ct) => RedemptionScopes.OrderAsync(sp, r.OrderId, ct))
            .ActingAs<Api.ReturnGoodsRequest>(r => r.Actor)
        .Service(Api.HouseholdOrders.Descriptor)
            .Read<Api.ListHouseholdOrdersRequest>("ListHouseholdOrders", [CountyAdmin, VillageAdmin, Household], r => Scope.Household(r.VillageCode, r.HouseholdNumber))
        .Service(Api.Reports.Descriptor)
            .Read<Api.StockOnHandRequest>("StockOnHand", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.DonationsRequest>("Donations", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.RedemptionsRequest>("Redemptions", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.CoverageRequest>("Coverage", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.DonorThanksRequest>("DonorThanks", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.PublicDonationsRequest>("PublicDonations", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
        .Service(Api.GiftRuns.Descriptor)
            .Write<Api.CreateGiftRunRequest>("CreateGiftRun", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.CreateGiftRunRequest>(r => r.Actor)
            .Read<Api.GetGiftRunRequest>("GetGiftRun", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Read<Api.ListGiftRunsRequest>("ListGiftRuns", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Write<Api.HandOutGiftRequest>("HandOutGift", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.HandOutGiftRequest>(r => r.Actor)
            .Write<Api.HandOutRemainingRequest>("HandOutRemaining", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.HandOutRemainingRequest>(r => r.Actor)
            .Write<Api.CloseGiftRunRequest>("CloseGiftRun", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.CloseGiftRunRequest>(r => r.Actor)
            .Read<Api.GetSigningListRequest>("GetSigningList", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
        .Service(Api.StockAlerts.Descriptor)
            .Read<Api.ListStockAlertsRequest>("ListStockAlerts", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .Write<Api.SetNearExpiryDaysRequest>("SetNearExpiryDays", Staff, (r, sp, ct) => RedemptionScopes.SupermarketAsync(sp, r.SupermarketCode, ct))
            .ActingAs<Api.SetNearExpiryDaysRequest>(r => r.Actor)
        .Service(Api.AuditTrail.Descriptor)
            .Read<Platform.Contracts.Audit.V1.ListAuditRecordsRequest>("ListAuditRecords", [CountyAdmin], r => Scope.None);

}
