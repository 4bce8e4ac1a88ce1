using Google.Protobuf;
using D = Platform.Contracts.Dividends.V1;
using R = Platform.Contracts.Redemption.V1;
using S = Platform.Contracts.Scoring.V1;

namespace Platform.Host.Tests.Security;

/// <summary>
/// One request per RPC, about the seed's "home" things (village V1, household V1/001,
/// supermarket SM1, cooperative C1). A new RPC needs a line here as well as its access rule:
/// the matrix test fails for an RPC that has a rule but no sample.
/// </summary>
internal static class MatrixSamples
{
    private static S.HouseholdRef Home(string number = "001") => new() { VillageCode = MatrixSeed.Village, HouseholdNumber = number };

    public static IReadOnlyDictionary<string, Func<MatrixSeed, IMessage>> ByMethod { get; } = new Dictionary<string, Func<MatrixSeed, IMessage>>
    {
        ["/platform.scoring.v1.Villages/RegisterVillage"] = _ => new S.RegisterVillageRequest { Code = "V9", Name = "Xishan", Township = "Qiaoli", County = "Anle" },
        ["/platform.scoring.v1.Villages/GetVillage"] = _ => new S.GetVillageRequest { Code = MatrixSeed.Village },
        ["/platform.scoring.v1.Villages/ListVillages"] = _ => new S.ListVillagesRequest { County = "Anle" },
        ["/platform.scoring.v1.Households/RegisterHouseholds"] = _ => new S.RegisterHouseholdsRequest
        {
            IdempotencyKey = "m-reg", VillageCode = MatrixSeed.Village, Actor = "matrix",
            Households = { new S.NewHousehold { HouseholdNumber = "010", HeadName = "Head 10", MemberCount = 2 } },
        },
        ["/platform.scoring.v1.Households/GetHousehold"] = _ => Home(),
        ["/platform.scoring.v1.Households/ListHouseholds"] = _ => new S.ListHouseholdsRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Households/SplitHousehold"] = _ => new S.SplitHouseholdRequest
        {
            IdempotencyKey = "m-split", Source = Home("006"), NewHousehold = new S.NewHousehold { HouseholdNumber = "011", HeadName = "Head 11", MemberCount = 1 },
            Actor = "matrix", Reason = "a son married",
        },
        ["/platform.scoring.v1.Households/MergeHouseholds"] = _ => new S.MergeHouseholdsRequest
        {
            IdempotencyKey = "m-merge", Source = Home("005"), TargetHouseholdNumber = "006", Actor = "matrix", Reason = "moved in together",
        },
        ["/platform.scoring.v1.Rules/ListRules"] = _ => new S.ListRulesRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Rules/GetRule"] = _ => new S.GetRuleRequest { VillageCode = MatrixSeed.Village, Code = "TIDY-HOME" },
        ["/platform.scoring.v1.Rules/DefineRule"] = _ => new S.DefineRuleRequest
        {
            IdempotencyKey = "m-rule", VillageCode = MatrixSeed.Village, Code = "PLANTED-TREES", Name = "Planted trees", Points = 5, Actor = "matrix",
        },
        ["/platform.scoring.v1.Panels/GetPanel"] = _ => new S.GetPanelRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Panels/SetPanelMember"] = _ => new S.SetPanelMemberRequest
        {
            VillageCode = MatrixSeed.Village, Actor = "matrix",
            Member = new S.PanelMember { MemberId = "m4", Name = "Member 4", Role = S.PanelRole.PartyMember, HouseholdNumber = "004" },
        },
        ["/platform.scoring.v1.Panels/RemovePanelMember"] = _ => new S.RemovePanelMemberRequest { VillageCode = MatrixSeed.Village, MemberId = "m9", Actor = "matrix" },
        ["/platform.scoring.v1.Panels/SetPanelSettings"] = _ => new S.SetPanelSettingsRequest { VillageCode = MatrixSeed.Village, Quorum = 2, NoticeDays = 3, Actor = "matrix" },
        ["/platform.scoring.v1.Awards/Propose"] = _ => new S.ProposeRequest
        {
            IdempotencyKey = "m-propose", VillageCode = MatrixSeed.Village, HouseholdNumber = "003", RuleCode = "DISASTER-DUTY", ProposedBy = "m1",
        },
        ["/platform.scoring.v1.Awards/Approve"] = s => new S.ApproveRequest { IdempotencyKey = "m-approve", ProposalId = s.ProposalId, MemberId = "m3" },
        ["/platform.scoring.v1.Awards/Object"] = s => new S.ObjectRequest { IdempotencyKey = "m-object", ProposalId = s.ProposalId, By = "villager", Reason = "not so" },
        ["/platform.scoring.v1.Awards/Withdraw"] = s => new S.WithdrawRequest { IdempotencyKey = "m-withdraw", ProposalId = s.ProposalId, MemberId = "m2", Reason = "mistake" },
        ["/platform.scoring.v1.Awards/GetProposal"] = s => new S.GetProposalRequest { ProposalId = s.ProposalId },
        ["/platform.scoring.v1.Awards/ListProposals"] = _ => new S.ListProposalsRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Awards/SubmitSheet"] = _ => new S.SubmitSheetRequest
        {
            IdempotencyKey = "m-sheet", VillageCode = MatrixSeed.Village, Period = "2026-11", SubmittedBy = "m1",
            Lines = { new S.SheetLine { HouseholdNumber = "003", RuleCode = "SIMPLE-CEREMONY" } },
        },
        ["/platform.scoring.v1.Awards/ApproveSheet"] = s => new S.ApproveSheetRequest { IdempotencyKey = "m-approve-sheet", SheetId = s.SheetId, MemberId = "m1" },
        ["/platform.scoring.v1.Awards/GetSheet"] = s => new S.GetSheetRequest { SheetId = s.SheetId },
        ["/platform.scoring.v1.Awards/GetNoticeBoard"] = _ => new S.GetNoticeBoardRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Awards/PostDue"] = _ => new S.PostDueRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Ledger/GetBalance"] = _ => Home(),
        ["/platform.scoring.v1.Ledger/GetStatement"] = _ => new S.GetStatementRequest { Household = Home() },
        ["/platform.scoring.v1.Ledger/Reverse"] = s => new S.ReverseRequest { IdempotencyKey = "m-reverse", EntryId = s.EntryId, Actor = "matrix", Reason = "posted in error" },
        ["/platform.scoring.v1.Ledger/Hold"] = _ => new S.HoldRequest { HoldId = "HOLD-2", Household = Home("004"), Points = 1, TtlSeconds = 600, Actor = "matrix" },
        ["/platform.scoring.v1.Ledger/Capture"] = s => new S.CaptureRequest { HoldId = s.HoldId, Actor = "matrix" },
        ["/platform.scoring.v1.Ledger/Release"] = s => new S.ReleaseRequest { HoldId = s.HoldId, Actor = "matrix" },
        ["/platform.scoring.v1.Ledger/GetHold"] = s => new S.GetHoldRequest { HoldId = s.HoldId },
        ["/platform.scoring.v1.Ledger/Refund"] = _ => new S.RefundRequest { IdempotencyKey = "m-refund", HoldId = MatrixSeed.OrderId, Points = 1, Actor = "matrix", Reason = "returned" },
        ["/platform.scoring.v1.Journal/SealJournal"] = _ => new S.SealJournalRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Journal/VerifyJournal"] = _ => new S.VerifyJournalRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Ledger/GetLeaderboard"] = _ => new S.GetLeaderboardRequest { VillageCode = MatrixSeed.Village, Period = "2026-11", List = S.LeaderboardList.Red },
        ["/platform.scoring.v1.Ledger/RebuildLeaderboard"] = _ => new S.RebuildLeaderboardRequest { VillageCode = MatrixSeed.Village, Period = "2026-11" },
        ["/platform.scoring.v1.Ledger/GetVillageTotals"] = _ => new S.GetVillageTotalsRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.AuditTrail/ListAuditRecords"] = _ => new Platform.Contracts.Audit.V1.ListAuditRecordsRequest { VillageCode = MatrixSeed.Village },
        ["/platform.scoring.v1.Ledger/GetCountyTotals"] = _ => new S.GetCountyTotalsRequest { County = "Anle" },

        ["/platform.redemption.v1.Supermarkets/RegisterSupermarket"] = _ => new R.RegisterSupermarketRequest { Code = "SM9", Name = "Second shop", VillageCodes = { MatrixSeed.Village }, CounterCodes = { "SM9-C1" } },
        ["/platform.redemption.v1.Supermarkets/AddCounter"] = _ => new R.AddCounterRequest { SupermarketCode = MatrixSeed.Supermarket, CounterCode = "SM1-C2" },
        ["/platform.redemption.v1.Goods/DefineItem"] = _ => new R.DefineItemRequest
        {
            IdempotencyKey = "m-item", SupermarketCode = MatrixSeed.Supermarket, Sku = "OIL", Name = "Oil", Unit = "bottle", PricePoints = 2, Actor = "matrix",
        },
        ["/platform.redemption.v1.Goods/RetireItem"] = _ => new R.RetireItemRequest { IdempotencyKey = "m-retire", SupermarketCode = MatrixSeed.Supermarket, Sku = "TEA", Actor = "matrix" },
        ["/platform.redemption.v1.Goods/GetItem"] = _ => new R.GetItemRequest { SupermarketCode = MatrixSeed.Supermarket, Sku = "RICE" },
        ["/platform.redemption.v1.Goods/ListItems"] = _ => new R.ListItemsRequest { SupermarketCode = MatrixSeed.Supermarket },
        ["/platform.redemption.v1.Stock/ReceiveDonation"] = _ => new R.ReceiveDonationRequest
        {
            IdempotencyKey = "m-donation", SupermarketCode = MatrixSeed.Supermarket, Sku = "RICE", Quantity = 1, DonorName = "Ma Lihua",
            DonorKind = R.DonorKind.Individual, Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/ReceivePurchase"] = _ => new R.ReceivePurchaseRequest
        {
            IdempotencyKey = "m-purchase", SupermarketCode = MatrixSeed.Supermarket, Sku = "RICE", Quantity = 1, Supplier = "Qiaoli Market", Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/WriteOff"] = _ => new R.WriteOffRequest
        {
            IdempotencyKey = "m-writeoff", SupermarketCode = MatrixSeed.Supermarket, Sku = "RICE", Quantity = 1, Reason = R.WriteOffReason.Damaged, Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/CountStock"] = _ => new R.CountStockRequest { IdempotencyKey = "m-count", SupermarketCode = MatrixSeed.Supermarket, Sku = "RICE", Counted = 98, Actor = "matrix" },
        ["/platform.redemption.v1.Stock/Transfer"] = _ => new R.TransferRequest
        {
            IdempotencyKey = "m-transfer", FromSupermarketCode = MatrixSeed.Supermarket, ToSupermarketCode = "SM9", Sku = "RICE", Quantity = 1, Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/ListMovements"] = _ => new R.ListMovementsRequest { SupermarketCode = MatrixSeed.Supermarket, Sku = "RICE" },
        ["/platform.redemption.v1.Counter/FindHouseholds"] = _ => new R.FindHouseholdsRequest { CounterCode = MatrixSeed.Counter, NumberPrefix = "00" },
        ["/platform.redemption.v1.Counter/LookupHousehold"] = _ => new R.LookupHouseholdRequest { CounterCode = MatrixSeed.Counter, HouseholdNumber = "004" },
        ["/platform.redemption.v1.Counter/Redeem"] = _ => new R.RedeemRequest
        {
            OrderId = "m-order", CounterCode = MatrixSeed.Counter, HouseholdNumber = "004", Actor = "matrix", Lines = { new R.RedeemLine { Sku = "RICE", Quantity = 1 } },
        },
        ["/platform.redemption.v1.Counter/GetOrder"] = _ => new R.GetOrderRequest { OrderId = MatrixSeed.OrderId },
        ["/platform.redemption.v1.Counter/ReturnGoods"] = _ => new R.ReturnGoodsRequest
        {
            ReturnId = "m-return", OrderId = MatrixSeed.OrderId, Reason = "not needed", Actor = "matrix", Lines = { new R.RedeemLine { Sku = "RICE", Quantity = 1 } },
        },
        ["/platform.redemption.v1.Reports/StockOnHand"] = _ => new R.StockOnHandRequest { SupermarketCode = MatrixSeed.Supermarket },
        ["/platform.redemption.v1.Reports/Donations"] = _ => new R.DonationsRequest { SupermarketCode = MatrixSeed.Supermarket, From = "2026-11-01", To = "2026-11-30" },
        ["/platform.redemption.v1.Reports/Redemptions"] = _ => new R.RedemptionsRequest { SupermarketCode = MatrixSeed.Supermarket, From = "2026-11-01", To = "2026-11-30" },
        ["/platform.redemption.v1.Reports/Coverage"] = _ => new R.CoverageRequest { SupermarketCode = MatrixSeed.Supermarket },
        ["/platform.redemption.v1.AuditTrail/ListAuditRecords"] = _ => new Platform.Contracts.Audit.V1.ListAuditRecordsRequest { Actor = "test suite" },
        ["/platform.redemption.v1.Supermarkets/GetSupermarket"] = _ => new R.GetSupermarketRequest { Code = MatrixSeed.Supermarket },
        ["/platform.redemption.v1.Supermarkets/ListKnownVillages"] = _ => new R.ListKnownVillagesRequest(),

        ["/platform.dividends.v1.Cooperatives/RegisterCooperative"] = _ => new D.RegisterCooperativeRequest
        {
            Code = "C9", Name = "Second cooperative", Kind = D.CooperativeKind.FarmersSpecialised, VillageCode = MatrixSeed.Village,
        },
        ["/platform.dividends.v1.Cooperatives/GetCooperative"] = _ => new D.GetCooperativeRequest { Code = MatrixSeed.Cooperative },
        ["/platform.dividends.v1.Members/JoinCooperative"] = _ => new D.JoinCooperativeRequest
        {
            CooperativeCode = MatrixSeed.Cooperative, VillageCode = MatrixSeed.Village, HouseholdNumber = "002", HeadName = "Head 2", JoinedOn = "2025-01-01",
        },
        ["/platform.dividends.v1.Members/ListMembers"] = _ => new D.ListMembersRequest { CooperativeCode = MatrixSeed.Cooperative },
        ["/platform.dividends.v1.Members/RecordHolding"] = s => new D.RecordHoldingRequest
        {
            CooperativeCode = MatrixSeed.Cooperative, MemberId = s.MemberId, ShareClass = D.ShareClass.Land, Quantity = 2, EffectiveFrom = "2025-01-01",
        },
        ["/platform.dividends.v1.Members/RecordPatronage"] = s => new D.RecordPatronageRequest
        {
            CooperativeCode = MatrixSeed.Cooperative, MemberId = s.MemberId, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = 100,
        },
        ["/platform.dividends.v1.Distributions/SetPolicy"] = _ => new D.SetPolicyRequest
        {
            CooperativeCode = MatrixSeed.Cooperative, ReserveBp = 1_000, WelfareBp = 500,
            ClassWeights = { new D.ClassWeight { ShareClass = D.ShareClass.Population, Weight = 1 } },
        },
        ["/platform.dividends.v1.Distributions/GetPolicy"] = _ => new D.GetPolicyRequest { CooperativeCode = MatrixSeed.Cooperative },
        ["/platform.dividends.v1.Distributions/DraftDistribution"] = _ => new D.DraftDistributionRequest
        {
            CooperativeCode = MatrixSeed.Cooperative, PeriodFrom = "2026-01-01", PeriodTo = "2026-06-30", IncomeFen = 500_000,
        },
        ["/platform.dividends.v1.Distributions/RedraftDistribution"] = s => new D.RedraftDistributionRequest { DistributionId = s.DistributionId, IncomeFen = 1_000_000 },
        ["/platform.dividends.v1.Distributions/GetDistribution"] = s => new D.GetDistributionRequest { DistributionId = s.DistributionId },
        ["/platform.dividends.v1.Distributions/ApproveDistribution"] = s => new D.ApproveDistributionRequest
        {
            DistributionId = s.DistributionId, BoardApprover = "Wang", SupervisoryApprover = "Li",
        },
        ["/platform.dividends.v1.Distributions/PublishDistribution"] = s => new D.PublishDistributionRequest { DistributionId = s.DistributionId },
        ["/platform.dividends.v1.Distributions/LodgeObjection"] = s => new D.LodgeObjectionRequest { DistributionId = s.DistributionId, MemberId = s.MemberId, Text = "too little" },
        ["/platform.dividends.v1.Distributions/GetMemberStatement"] = s => new D.GetMemberStatementRequest { CooperativeCode = MatrixSeed.Cooperative, MemberId = s.MemberId, Year = 2025 },
        ["/platform.dividends.v1.Payouts/CreatePayout"] = s => new D.CreatePayoutRequest
        {
            PayoutId = "PAYOUT-2", DistributionId = s.DistributionId, MemberId = s.MemberId, Method = D.PayoutMethod.Cash,
        },
        ["/platform.dividends.v1.Payouts/RecordPayoutOutcome"] = s => new D.RecordPayoutOutcomeRequest { PayoutId = s.PayoutId, Paid = true },
        ["/platform.dividends.v1.Payouts/RetryPayout"] = s => new D.RetryPayoutRequest { PayoutId = s.PayoutId, Method = D.PayoutMethod.Cash },
        ["/platform.dividends.v1.Payouts/ListPayouts"] = s => new D.ListPayoutsRequest { DistributionId = s.DistributionId },
        ["/platform.dividends.v1.AuditTrail/ListAuditRecords"] = _ => new Platform.Contracts.Audit.V1.ListAuditRecordsRequest { Actor = "test suite" },
        ["/platform.dividends.v1.Payouts/ExportBankTransferFile"] = s => new D.ExportBankTransferFileRequest { DistributionId = s.DistributionId },
    };
}
