using Google.Protobuf;
using D = Platform.Contracts.Dividends.V1;
using R = Platform.Contracts.Redemption.V1;
using S = Platform.Contracts.Scoring.V1;

namespace Platform.Testing.Matrix;

/// <summary>
/// One request per RPC, about the seed's "home" things (village V1, household V1/001,
/// supermarket SM1, cooperative C1, with the run's prefix: MatrixCodes). A new RPC needs a line
/// here as well as its access rule: the matrix test fails for an RPC that has a rule but no sample.
/// </summary>
public static class MatrixSamples
{
    /// <summary>The panel member the samples act as, and the subject of the matrix's panel-member tokens.</summary>
    public const string PanelMember = "m3";

    /// <summary>The clerk the samples' actor fields name, and the subject of the matrix's clerk tokens.</summary>
    public const string Clerk = "matrix";

    /// <summary>The board member the approval samples sign as, and the subject of the matrix's cooperative_board tokens.</summary>
    public const string BoardMember = BoardSignatures.BoardSubject;

    private static S.HouseholdRef Home(MatrixSeed s, string number = "001") => new() { VillageCode = s.Codes.Village, HouseholdNumber = number };

    public static IReadOnlyDictionary<string, Func<MatrixSeed, IMessage>> ByMethod { get; } = new Dictionary<string, Func<MatrixSeed, IMessage>>
    {
        ["/platform.scoring.v1.Villages/RegisterVillage"] = s => new S.RegisterVillageRequest { IdempotencyKey = "m-village", Code = s.Codes.NewVillage, Name = "Xishan", Township = "Qiaoli", County = "Anle" },
        ["/platform.scoring.v1.Villages/GetVillage"] = s => new S.GetVillageRequest { Code = s.Codes.Village },
        ["/platform.scoring.v1.Villages/ListVillages"] = _ => new S.ListVillagesRequest { County = "Anle" },
        ["/platform.scoring.v1.Households/RegisterHouseholds"] = s => new S.RegisterHouseholdsRequest
        {
            IdempotencyKey = "m-reg", VillageCode = s.Codes.Village, Actor = "matrix",
            Households = { new S.NewHousehold { HouseholdNumber = "010", HeadName = "Head 10", MemberCount = 2 } },
        },
        ["/platform.scoring.v1.Households/GetHousehold"] = s => Home(s),
        ["/platform.scoring.v1.Households/ListHouseholds"] = s => new S.ListHouseholdsRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Households/SplitHousehold"] = s => new S.SplitHouseholdRequest
        {
            IdempotencyKey = "m-split", Source = Home(s, "006"), NewHousehold = new S.NewHousehold { HouseholdNumber = "011", HeadName = "Head 11", MemberCount = 1 },
            Actor = "matrix", Reason = "a son married",
        },
        ["/platform.scoring.v1.Households/MergeHouseholds"] = s => new S.MergeHouseholdsRequest
        {
            IdempotencyKey = "m-merge", Source = Home(s, "005"), TargetHouseholdNumber = "006", Actor = "matrix", Reason = "moved in together",
        },
        ["/platform.scoring.v1.Households/AddMember"] = s => new S.AddMemberRequest
        {
            IdempotencyKey = "m-add-member", Household = Home(s, "003"), Actor = "matrix",
            Member = new S.NewMember { Name = "Member of 3", Relation = S.MemberRelation.Child, BornOn = "2001-02-03" },
        },
        ["/platform.scoring.v1.Households/UpdateMember"] = s => new S.UpdateMemberRequest
        {
            IdempotencyKey = "m-update-member", Household = Home(s, "003"), MemberId = 1, Actor = "matrix",
            Member = new S.NewMember { Name = "Member of 3", Relation = S.MemberRelation.Child, BornOn = "2001-02-04" },
        },
        ["/platform.scoring.v1.Households/RemoveMember"] = s => new S.RemoveMemberRequest
        {
            IdempotencyKey = "m-remove-member", Household = Home(s, "003"), MemberId = 1, Actor = "matrix", Reason = "moved out",
        },
        ["/platform.scoring.v1.Households/ChangeHead"] = s => new S.ChangeHeadRequest
        {
            IdempotencyKey = "m-change-head", Household = Home(s, "003"), NewHeadMemberId = 1, FormerHeadRelation = S.MemberRelation.Parent, Actor = "matrix",
        },
        ["/platform.scoring.v1.Households/RecordPovertyStatus"] = s => new S.RecordPovertyStatusRequest
        {
            IdempotencyKey = "m-poverty", Household = Home(s, "003"), Status = S.PovertyStatus.Monitored, Actor = "matrix",
        },
        ["/platform.scoring.v1.Households/MoveCard"] = s => new S.MoveCardRequest
        {
            IdempotencyKey = "m-move-card", Household = Home(s, "003"), CardNumber = "CARD-3", Actor = "matrix",
        },
        ["/platform.scoring.v1.Households/GetHouseholdDetail"] = s => Home(s),
        ["/platform.scoring.v1.Households/SearchHouseholds"] = s => new S.SearchHouseholdsRequest { VillageCode = s.Codes.Village, Query = "head" },
        ["/platform.scoring.v1.Rules/ListRules"] = s => new S.ListRulesRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Rules/GetRule"] = s => new S.GetRuleRequest { VillageCode = s.Codes.Village, Code = "TIDY-HOME" },
        ["/platform.scoring.v1.Rules/DefineRule"] = s => new S.DefineRuleRequest
        {
            IdempotencyKey = "m-rule", VillageCode = s.Codes.Village, Code = "PLANTED-TREES", Name = "Planted trees", Points = 5, Actor = PanelMember,
        },
        ["/platform.scoring.v1.Panels/GetPanel"] = s => new S.GetPanelRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Panels/SetPanelMember"] = s => new S.SetPanelMemberRequest
        {
            IdempotencyKey = "m-member", VillageCode = s.Codes.Village, Actor = "matrix",
            Member = new S.PanelMember { MemberId = "m4", Name = "Member 4", Role = S.PanelRole.PartyMember, HouseholdNumber = "004" },
        },
        ["/platform.scoring.v1.Panels/RemovePanelMember"] = s => new S.RemovePanelMemberRequest { IdempotencyKey = "m-remove", VillageCode = s.Codes.Village, MemberId = "m9", Actor = "matrix" },
        ["/platform.scoring.v1.Panels/SetPanelSettings"] = s => new S.SetPanelSettingsRequest { IdempotencyKey = "m-settings", VillageCode = s.Codes.Village, Quorum = 2, NoticeDays = 3, Actor = "matrix" },
        ["/platform.scoring.v1.Panels/SetPanelRules"] = s => new S.SetPanelRulesRequest
        {
            IdempotencyKey = "m-panel-rules", VillageCode = s.Codes.Village, Actor = "matrix", Rules = new S.PanelRules { ProposerMayApprove = true },
        },
        ["/platform.scoring.v1.Awards/Propose"] = s => new S.ProposeRequest
        {
            IdempotencyKey = "m-propose", VillageCode = s.Codes.Village, HouseholdNumber = "003", RuleCode = "DISASTER-DUTY", ProposedBy = PanelMember,
        },
        ["/platform.scoring.v1.Awards/Approve"] = s => new S.ApproveRequest { IdempotencyKey = "m-approve", ProposalId = s.ProposalId, MemberId = PanelMember },
        ["/platform.scoring.v1.Awards/Object"] = s => new S.ObjectRequest { IdempotencyKey = "m-object", ProposalId = s.ProposalId, By = "villager", Reason = "not so" },
        ["/platform.scoring.v1.Awards/Withdraw"] = s => new S.WithdrawRequest { IdempotencyKey = "m-withdraw", ProposalId = s.ProposalId, MemberId = PanelMember, Reason = "mistake" },
        ["/platform.scoring.v1.Awards/GetProposal"] = s => new S.GetProposalRequest { ProposalId = s.ProposalId },
        ["/platform.scoring.v1.Awards/ListProposals"] = s => new S.ListProposalsRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Awards/SubmitSheet"] = s => new S.SubmitSheetRequest
        {
            IdempotencyKey = "m-sheet", VillageCode = s.Codes.Village, Period = "2026-11", SubmittedBy = PanelMember,
            Lines = { new S.SheetLine { HouseholdNumber = "003", RuleCode = "SIMPLE-CEREMONY" } },
        },
        ["/platform.scoring.v1.Awards/ApproveSheet"] = s => new S.ApproveSheetRequest { IdempotencyKey = "m-approve-sheet", SheetId = s.SheetId, MemberId = PanelMember },
        ["/platform.scoring.v1.Awards/GetSheet"] = s => new S.GetSheetRequest { SheetId = s.SheetId },
        ["/platform.scoring.v1.Awards/GetNoticeBoard"] = s => new S.GetNoticeBoardRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Awards/GetHouseholdNoticeBoard"] = s => Home(s),
        ["/platform.scoring.v1.Awards/ObjectAsHousehold"] = s => new S.ObjectAsHouseholdRequest
        {
            IdempotencyKey = "m-object-household", Household = Home(s), ProposalId = s.ProposalId, Reason = "not so",
        },
        ["/platform.scoring.v1.Awards/PostDue"] = s => new S.PostDueRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.YearReports/GetYearRanking"] = s => new S.GetYearRankingRequest { VillageCode = s.Codes.Village, Year = 2026 },
        ["/platform.scoring.v1.YearReports/GetYearStatement"] = s => new S.GetYearStatementRequest { Household = Home(s), Year = 2026 },
        ["/platform.scoring.v1.Ledger/GetBalance"] = s => Home(s),
        ["/platform.scoring.v1.Ledger/GetStatement"] = s => new S.GetStatementRequest { Household = Home(s) },
        ["/platform.scoring.v1.Ledger/Reverse"] = s => new S.ReverseRequest { IdempotencyKey = "m-reverse", EntryId = s.EntryId, Actor = "matrix", Reason = "posted in error" },
        ["/platform.scoring.v1.Ledger/Hold"] = s => new S.HoldRequest { HoldId = "HOLD-2", Household = Home(s, "004"), Points = 1, TtlSeconds = 600, Actor = "matrix" },
        ["/platform.scoring.v1.Ledger/Capture"] = s => new S.CaptureRequest { HoldId = s.HoldId, Actor = "matrix" },
        ["/platform.scoring.v1.Ledger/Release"] = s => new S.ReleaseRequest { HoldId = s.HoldId, Actor = "matrix" },
        ["/platform.scoring.v1.Ledger/Spend"] = s => new S.SpendRequest { SpendId = "SPEND-1", Household = Home(s, "004"), Points = 1, Actor = "matrix" },
        ["/platform.scoring.v1.Ledger/CancelSpend"] = s => new S.CancelSpendRequest { SpendId = "SPEND-2", Household = Home(s, "004"), Actor = "matrix", Reason = "order cancelled" },
        ["/platform.scoring.v1.Ledger/GetHold"] = s => new S.GetHoldRequest { HoldId = s.HoldId },
        ["/platform.scoring.v1.Ledger/Refund"] = s => new S.RefundRequest { IdempotencyKey = "m-refund", HoldId = s.OrderId, Points = 1, Actor = "matrix", Reason = "returned" },
        ["/platform.scoring.v1.PointsExpiry/SetExpiryPolicy"] = s => new S.SetExpiryPolicyRequest { IdempotencyKey = "m-expiry-policy", VillageCode = s.Codes.Village, Rule = S.ExpiryRule.MonthsAfterEarning, Months = 12, Actor = "matrix" },
        ["/platform.scoring.v1.PointsExpiry/GetExpiryPolicy"] = s => new S.GetExpiryPolicyRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.PointsExpiry/ListExpiringPoints"] = s => new S.ListExpiringPointsRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.PointsExpiry/ExpireDue"] = s => new S.ExpireDueRequest { IdempotencyKey = "m-expire-due", VillageCode = s.Codes.Village, Actor = "matrix" },
        ["/platform.scoring.v1.Journal/SealJournal"] = s => new S.SealJournalRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Journal/VerifyJournal"] = s => new S.VerifyJournalRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Ledger/GetLeaderboard"] = s => new S.GetLeaderboardRequest { VillageCode = s.Codes.Village, Period = "2026-11", List = S.LeaderboardList.Red },
        ["/platform.scoring.v1.Ledger/RebuildLeaderboard"] = s => new S.RebuildLeaderboardRequest { VillageCode = s.Codes.Village, Period = "2026-11" },
        ["/platform.scoring.v1.Ledger/GetVillageTotals"] = s => new S.GetVillageTotalsRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.AuditTrail/ListAuditRecords"] = s => new Platform.Contracts.Audit.V1.ListAuditRecordsRequest { VillageCode = s.Codes.Village },
        ["/platform.scoring.v1.Ledger/GetCountyTotals"] = _ => new S.GetCountyTotalsRequest { County = "Anle" },

        ["/platform.redemption.v1.Supermarkets/RegisterSupermarket"] = s => new R.RegisterSupermarketRequest { Code = s.Codes.NewSupermarket, Name = "Second shop", VillageCodes = { s.Codes.Village }, CounterCodes = { s.Codes.NewSupermarketCounter } },
        ["/platform.redemption.v1.Supermarkets/AddCounter"] = s => new R.AddCounterRequest { SupermarketCode = s.Codes.Supermarket, CounterCode = s.Codes.NewCounter },
        ["/platform.redemption.v1.Goods/DefineItem"] = s => new R.DefineItemRequest
        {
            IdempotencyKey = "m-item", SupermarketCode = s.Codes.Supermarket, Sku = "OIL", Name = "Oil", Unit = "bottle", PricePoints = 2, Actor = "matrix",
        },
        ["/platform.redemption.v1.Goods/RetireItem"] = s => new R.RetireItemRequest { IdempotencyKey = "m-retire", SupermarketCode = s.Codes.Supermarket, Sku = "TEA", Actor = "matrix" },
        ["/platform.redemption.v1.Goods/GetItem"] = s => new R.GetItemRequest { SupermarketCode = s.Codes.Supermarket, Sku = "RICE" },
        ["/platform.redemption.v1.Goods/ListItems"] = s => new R.ListItemsRequest { SupermarketCode = s.Codes.Supermarket },
        ["/platform.redemption.v1.Stock/ReceiveDonation"] = s => new R.ReceiveDonationRequest
        {
            IdempotencyKey = "m-donation", SupermarketCode = s.Codes.Supermarket, Sku = "RICE", Quantity = 1, DonorName = "Ma Lihua", ValueFen = 500,
            DonorKind = R.DonorKind.Individual, Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/ReceivePurchase"] = s => new R.ReceivePurchaseRequest
        {
            IdempotencyKey = "m-purchase", SupermarketCode = s.Codes.Supermarket, Sku = "RICE", Quantity = 1, Supplier = "Qiaoli Market", Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/WriteOff"] = s => new R.WriteOffRequest
        {
            IdempotencyKey = "m-writeoff", SupermarketCode = s.Codes.Supermarket, Sku = "RICE", Quantity = 1, Reason = R.WriteOffReason.Damaged, Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/CountStock"] = s => new R.CountStockRequest { IdempotencyKey = "m-count", SupermarketCode = s.Codes.Supermarket, Sku = "RICE", Counted = 98, Actor = "matrix" },
        ["/platform.redemption.v1.Stock/Transfer"] = s => new R.TransferRequest
        {
            IdempotencyKey = "m-transfer", FromSupermarketCode = s.Codes.Supermarket, ToSupermarketCode = s.Codes.NewSupermarket, Sku = "RICE", Quantity = 1, Actor = "matrix",
        },
        ["/platform.redemption.v1.Stock/ListMovements"] = s => new R.ListMovementsRequest { SupermarketCode = s.Codes.Supermarket, Sku = "RICE" },
        ["/platform.redemption.v1.Stock/ListExpiringLots"] = s => new R.ListExpiringLotsRequest { SupermarketCode = s.Codes.Supermarket, DaysAhead = 30 },
        ["/platform.redemption.v1.Stock/WriteOffExpired"] = s => new R.WriteOffExpiredRequest
        {
            IdempotencyKey = "m-expired", SupermarketCode = s.Codes.Supermarket, Note = "matrix", Actor = "matrix",
        },
        ["/platform.redemption.v1.StockAlerts/ListStockAlerts"] = s => new R.ListStockAlertsRequest { SupermarketCode = s.Codes.Supermarket },
        ["/platform.redemption.v1.StockAlerts/SetNearExpiryDays"] = s => new R.SetNearExpiryDaysRequest
        {
            IdempotencyKey = "m-near-expiry", SupermarketCode = s.Codes.Supermarket, Days = 10, Actor = "matrix",
        },
        ["/platform.redemption.v1.HouseholdOrders/ListHouseholdOrders"] = s => new R.ListHouseholdOrdersRequest { VillageCode = s.Codes.Village, HouseholdNumber = "001" },
        ["/platform.redemption.v1.Counter/FindHouseholds"] = s => new R.FindHouseholdsRequest { CounterCode = s.Codes.Counter, NumberPrefix = "00" },
        ["/platform.redemption.v1.Counter/LookupHousehold"] = s => new R.LookupHouseholdRequest { CounterCode = s.Codes.Counter, HouseholdNumber = "004" },
        ["/platform.redemption.v1.Counter/Redeem"] = s => new R.RedeemRequest
        {
            OrderId = "m-order", CounterCode = s.Codes.Counter, HouseholdNumber = "004", Actor = "matrix", Lines = { new R.RedeemLine { Sku = "RICE", Quantity = 1 } },
        },
        ["/platform.redemption.v1.Counter/GetOrder"] = s => new R.GetOrderRequest { OrderId = s.OrderId },
        ["/platform.redemption.v1.Counter/ReturnGoods"] = s => new R.ReturnGoodsRequest
        {
            ReturnId = "m-return", OrderId = s.OrderId, Reason = "not needed", Actor = "matrix", Lines = { new R.RedeemLine { Sku = "RICE", Quantity = 1 } },
        },
        ["/platform.redemption.v1.Reports/StockOnHand"] = s => new R.StockOnHandRequest { SupermarketCode = s.Codes.Supermarket },
        ["/platform.redemption.v1.Reports/Donations"] = s => new R.DonationsRequest { SupermarketCode = s.Codes.Supermarket, From = "2026-11-01", To = "2026-11-30" },
        ["/platform.redemption.v1.Reports/Redemptions"] = s => new R.RedemptionsRequest { SupermarketCode = s.Codes.Supermarket, From = "2026-11-01", To = "2026-11-30" },
        ["/platform.redemption.v1.Reports/Coverage"] = s => new R.CoverageRequest { SupermarketCode = s.Codes.Supermarket },
        ["/platform.redemption.v1.Reports/DonorThanks"] = s => new R.DonorThanksRequest
        {
            SupermarketCode = s.Codes.Supermarket, DonorName = "Anle Grain Co.", From = "2026-11-01", To = "2026-11-30", WithHouseholdsReached = true,
        },
        ["/platform.redemption.v1.Reports/PublicDonations"] = s => new R.PublicDonationsRequest { SupermarketCode = s.Codes.Supermarket, From = "2026-11-01", To = "2026-11-30" },
        ["/platform.redemption.v1.GiftRuns/CreateGiftRun"] = s => new R.CreateGiftRunRequest
        {
            IdempotencyKey = "m-gift-run", SupermarketCode = s.Codes.Supermarket, Sku = "RICE", QuantityPerHousehold = 1, Title = "端午节粽子",
            Rule = R.GiftRule.List, Households = { new R.GiftHouseholdRef { HouseholdNumber = "002" } }, Actor = "matrix",
        },
        ["/platform.redemption.v1.GiftRuns/GetGiftRun"] = s => new R.GetGiftRunRequest { SupermarketCode = s.Codes.Supermarket, RunId = 1 },
        ["/platform.redemption.v1.GiftRuns/ListGiftRuns"] = s => new R.ListGiftRunsRequest { SupermarketCode = s.Codes.Supermarket },
        ["/platform.redemption.v1.GiftRuns/HandOutGift"] = s => new R.HandOutGiftRequest
        {
            IdempotencyKey = "m-gift", SupermarketCode = s.Codes.Supermarket, RunId = 1, HouseholdNumber = "002", Actor = "matrix",
        },
        ["/platform.redemption.v1.GiftRuns/HandOutRemaining"] = s => new R.HandOutRemainingRequest
        {
            IdempotencyKey = "m-gift-rest", SupermarketCode = s.Codes.Supermarket, RunId = 1, DeliveredBy = "cadre Zhou", Actor = "matrix",
        },
        ["/platform.redemption.v1.GiftRuns/CloseGiftRun"] = s => new R.CloseGiftRunRequest
        {
            IdempotencyKey = "m-gift-close", SupermarketCode = s.Codes.Supermarket, RunId = 1, Reason = "festival over", Actor = "matrix",
        },
        ["/platform.redemption.v1.GiftRuns/GetSigningList"] = s => new R.GetSigningListRequest { SupermarketCode = s.Codes.Supermarket, RunId = 1 },
        ["/platform.redemption.v1.AuditTrail/ListAuditRecords"] = _ => new Platform.Contracts.Audit.V1.ListAuditRecordsRequest { Actor = "test suite" },
        ["/platform.redemption.v1.Supermarkets/GetSupermarket"] = s => new R.GetSupermarketRequest { Code = s.Codes.Supermarket },
        ["/platform.redemption.v1.Supermarkets/ListKnownVillages"] = _ => new R.ListKnownVillagesRequest(),

        ["/platform.dividends.v1.Cooperatives/RegisterCooperative"] = s => new D.RegisterCooperativeRequest
        {
            IdempotencyKey = "m-cooperative", Code = s.Codes.NewCooperative, Name = "Second cooperative", Kind = D.CooperativeKind.FarmersSpecialised, VillageCode = s.Codes.Village,
        },
        ["/platform.dividends.v1.Cooperatives/GetCooperative"] = s => new D.GetCooperativeRequest { Code = s.Codes.Cooperative },
        ["/platform.dividends.v1.Members/JoinCooperative"] = s => new D.JoinCooperativeRequest
        {
            IdempotencyKey = "m-join", CooperativeCode = s.Codes.Cooperative, VillageCode = s.Codes.Village, HouseholdNumber = "002", HeadName = "Head 2", JoinedOn = "2025-01-01",
        },
        ["/platform.dividends.v1.Members/ListMembers"] = s => new D.ListMembersRequest { CooperativeCode = s.Codes.Cooperative },
        ["/platform.dividends.v1.Members/RecordHolding"] = s => new D.RecordHoldingRequest
        {
            IdempotencyKey = "m-holding", CooperativeCode = s.Codes.Cooperative, MemberId = s.MemberId, ShareClass = D.ShareClass.Land, Quantity = 2, EffectiveFrom = "2025-01-01",
        },
        ["/platform.dividends.v1.Members/RecordPatronage"] = s => new D.RecordPatronageRequest
        {
            IdempotencyKey = "m-patronage", CooperativeCode = s.Codes.Cooperative, MemberId = s.MemberId, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = 100,
        },
        ["/platform.dividends.v1.Distributions/SetPolicy"] = s => new D.SetPolicyRequest
        {
            IdempotencyKey = "m-policy", CooperativeCode = s.Codes.Cooperative, ReserveBp = 1_000, WelfareBp = 500,
            ClassWeights = { new D.ClassWeight { ShareClass = D.ShareClass.Population, Weight = 1 } },
        },
        ["/platform.dividends.v1.Distributions/GetPolicy"] = s => new D.GetPolicyRequest { CooperativeCode = s.Codes.Cooperative },
        ["/platform.dividends.v1.Distributions/DraftDistribution"] = s => new D.DraftDistributionRequest
        {
            IdempotencyKey = "m-draft", CooperativeCode = s.Codes.Cooperative, PeriodFrom = "2026-01-01", PeriodTo = "2026-06-30", IncomeFen = 500_000,
        },
        ["/platform.dividends.v1.Distributions/RedraftDistribution"] = s => new D.RedraftDistributionRequest { IdempotencyKey = "m-redraft", DistributionId = s.DistributionId, IncomeFen = 1_000_000 },
        ["/platform.dividends.v1.Distributions/GetDistribution"] = s => new D.GetDistributionRequest { DistributionId = s.DistributionId },
        ["/platform.dividends.v1.Distributions/ApproveDistribution"] = s => new D.ApproveDistributionRequest
        {
            IdempotencyKey = "m-approve-distribution", DistributionId = s.DistributionId, BoardApprover = "Wang", SupervisoryApprover = "Li",
        },
        ["/platform.dividends.v1.Distributions/PublishDistribution"] = s => new D.PublishDistributionRequest { IdempotencyKey = "m-publish", DistributionId = s.DistributionId },
        ["/platform.dividends.v1.Distributions/LodgeObjection"] = s => new D.LodgeObjectionRequest
        {
            IdempotencyKey = "m-objection", DistributionId = s.DistributionId, MemberId = s.MemberId, Text = "too little",
        },
        // No objection is seeded (the seed's notice lasts no days), so an allowed caller is told NotFound.
        ["/platform.dividends.v1.Distributions/ResolveObjection"] = s => new D.ResolveObjectionRequest
        {
            IdempotencyKey = "m-resolve-objection", DistributionId = s.DistributionId, ObjectionId = 1, Resolution = "checked, the figures stand", ResolvedBy = "Wang",
        },
        ["/platform.dividends.v1.Distributions/GetMemberStatement"] = s => new D.GetMemberStatementRequest { CooperativeCode = s.Codes.Cooperative, MemberId = s.MemberId, Year = 2025 },
        ["/platform.dividends.v1.Payouts/CreatePayout"] = s => new D.CreatePayoutRequest
        {
            PayoutId = "PAYOUT-2", DistributionId = s.DistributionId, MemberId = s.MemberId, Method = D.PayoutMethod.Cash,
        },
        ["/platform.dividends.v1.Payouts/RecordPayoutOutcome"] = s => new D.RecordPayoutOutcomeRequest { IdempotencyKey = "m-outcome", PayoutId = s.PayoutId, Paid = true },
        ["/platform.dividends.v1.Payouts/RetryPayout"] = s => new D.RetryPayoutRequest { IdempotencyKey = "m-retry-payout", PayoutId = s.PayoutId, Method = D.PayoutMethod.Cash },
        ["/platform.dividends.v1.Payouts/ListPayouts"] = s => new D.ListPayoutsRequest { DistributionId = s.DistributionId },
        ["/platform.dividends.v1.AuditTrail/ListAuditRecords"] = _ => new Platform.Contracts.Audit.V1.ListAuditRecordsRequest { Actor = "test suite" },
        ["/platform.dividends.v1.Payouts/ExportBankTransferFile"] = s => new D.ExportBankTransferFileRequest { DistributionId = s.DistributionId },
        ["/platform.dividends.v1.Payouts/SetPaymentDetails"] = s => new D.SetPaymentDetailsRequest
        {
            IdempotencyKey = "m-payment-details", CooperativeCode = s.Codes.Cooperative, MemberId = s.MemberId, Method = D.PayoutMethod.Cash, AccountHolder = "Head 1",
        },
        // The seed's only member has a payout already: an allowed caller creates nothing.
        ["/platform.dividends.v1.Payouts/CreatePayouts"] = s => new D.CreatePayoutsRequest { IdempotencyKey = "m-create-payouts", DistributionId = s.DistributionId },
        // A line for an account no payout has: refused in the answer, nothing changed.
        ["/platform.dividends.v1.Payouts/ImportBankResult"] = s => new D.ImportBankResultRequest
        {
            DistributionId = s.DistributionId, Csv = Google.Protobuf.ByteString.CopyFromUtf8("NO-SUCH-ACCOUNT,1.00,paid,REF-1\n"),
        },
        ["/platform.dividends.v1.Board/AddBoardMember"] = s => new D.AddBoardMemberRequest
        {
            IdempotencyKey = "m-board-member", CooperativeCode = s.Codes.Cooperative, Body = D.BoardBody.Board, Name = "赵德明", Subject = "board.zhao", TermFrom = "2024-01-01",
        },
        ["/platform.dividends.v1.Board/EndBoardTerm"] = s => new D.EndBoardTermRequest { IdempotencyKey = "m-end-term", RosterId = s.RosterId, TermTo = "2099-12-31" },
        ["/platform.dividends.v1.Board/RecordAssembly"] = s => new D.RecordAssemblyRequest
        {
            IdempotencyKey = "m-assembly", CooperativeCode = s.Codes.Cooperative, Kind = D.AssemblyKind.Members, HeldOn = "2026-01-20",
            ResolutionNumber = "2026-1", ResolutionText = "The 2025 distribution plan is adopted.", Attended = 40, Entitled = 52,
        },
        ["/platform.dividends.v1.Board/GetBoard"] = s => new D.GetBoardRequest { CooperativeCode = s.Codes.Cooperative },
        // Already signed by this member when the seed approved it: the answer is the distribution.
        ["/platform.dividends.v1.Board/SignApproval"] = s => new D.SignApprovalRequest { IdempotencyKey = "m-sign", DistributionId = s.DistributionId, Signer = BoardMember },
        // The seed's cooperative is a shareholding one, so an allowed caller is told FailedPrecondition.
        ["/platform.dividends.v1.Cooperatives/RecordStatutesProvision"] = s => new D.RecordStatutesProvisionRequest
        {
            IdempotencyKey = "m-statutes", CooperativeCode = s.Codes.Cooperative, PatronageMinimumBp = 5_000, Clause = "第三十二条", AdoptedOn = "2025-03-15",
        },
        ["/platform.dividends.v1.CollectiveIncome/RecordIncome"] = s => new D.RecordIncomeRequest
        {
            IdempotencyKey = "m-income", CooperativeCode = s.Codes.Cooperative, Source = D.IncomeSource.ColdStoreLease, ContractNumber = "LZ-1",
            PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = 100,
        },
        ["/platform.dividends.v1.CollectiveIncome/RecordExpense"] = s => new D.RecordExpenseRequest
        {
            IdempotencyKey = "m-expense", CooperativeCode = s.Codes.Cooperative, Kind = D.ExpenseKind.Maintenance, Note = "door lock",
            PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31", AmountFen = 50,
        },
        // No line is seeded, so an allowed caller is told NotFound.
        ["/platform.dividends.v1.CollectiveIncome/ReverseLine"] = s => new D.ReverseLineRequest
        {
            IdempotencyKey = "m-reverse-line", CooperativeCode = s.Codes.Cooperative, LineId = 999_999, Reason = "typed twice",
        },
        ["/platform.dividends.v1.CollectiveIncome/ListLines"] = s => new D.ListLinesRequest { CooperativeCode = s.Codes.Cooperative, PeriodFrom = "2025-01-01", PeriodTo = "2025-12-31" },
        ["/platform.dividends.v1.CollectiveIncome/GetYearStatement"] = s => new D.GetYearStatementRequest { CooperativeCode = s.Codes.Cooperative, Year = 2025 },
        ["/platform.dividends.v1.CollectiveIncome/GetFunds"] = s => new D.GetFundsRequest { CooperativeCode = s.Codes.Cooperative },
        ["/platform.dividends.v1.CollectiveIncome/SpendFromFund"] = s => new D.SpendFromFundRequest
        {
            IdempotencyKey = "m-spend", CooperativeCode = s.Codes.Cooperative, Fund = D.Fund.Welfare, AmountFen = 100, Purpose = "tea for the elderly", SpentOn = "2026-10-29",
        },
        ["/platform.dividends.v1.CollectiveIncome/DepositToFund"] = s => new D.DepositToFundRequest
        {
            IdempotencyKey = "m-deposit", CooperativeCode = s.Codes.Cooperative, Fund = D.Fund.Reserve, AmountFen = 100, Purpose = "balance brought in", DepositedOn = "2025-01-01",
        },
    };
}
