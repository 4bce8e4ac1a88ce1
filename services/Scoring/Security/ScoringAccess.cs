using Platform.ServiceDefaults.Security;
using static Platform.ServiceDefaults.Security.Role;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Security;

/// <summary>
/// Who may call each of Scoring's RPCs, and what each request is about. One line per RPC; an
/// RPC without a line is refused to everyone. Auditors are added to every Read. The matrix in
/// docs/security.md is generated from this table (tests/Host.Tests AccessMatrixDocTests).
/// </summary>
internal static class ScoringAccess
{
    private static readonly Role[] VillageOffice = [CountyAdmin, VillageAdmin];
    private static readonly Role[] VillageStaff = [CountyAdmin, VillageAdmin, PanelMember];

    // A member approves in his or her own name; the village office records a decision taken on
    // paper in the member's name, and its audit record names the office as actor and the member
    // in its key fields (member_id).
    private static readonly Role[] PanelDecisions = [VillageAdmin, PanelMember];

    // The counter's service (RedemptionModule.Name): it holds, captures and refunds points. A
    // service signing with its own key reaches only the lines that name it.
    private const string Redemption = "redemption";

    public static AccessTable Table { get; } = new AccessTable()
        .Service(Api.Villages.Descriptor)
            .Write<Api.RegisterVillageRequest>("RegisterVillage", [CountyAdmin], r => Scope.None)
            .Read<Api.GetVillageRequest>("GetVillage", [CountyAdmin, VillageAdmin, PanelMember, Clerk], r => Scope.Village(r.Code))
            .Read<Api.ListVillagesRequest>("ListVillages", [CountyAdmin], r => Scope.None)
        .Service(Api.Households.Descriptor)
            .Write<Api.RegisterHouseholdsRequest>("RegisterHouseholds", VillageOffice, r => Scope.Village(r.VillageCode))
            .Read<Api.HouseholdRef>("GetHousehold", [CountyAdmin, VillageAdmin, PanelMember, Clerk, Service], r => Scope.Household(r.VillageCode, r.HouseholdNumber))
                .ForServices(Redemption)
            .Read<Api.ListHouseholdsRequest>("ListHouseholds", VillageStaff, r => Scope.Village(r.VillageCode))
            .Write<Api.SplitHouseholdRequest>("SplitHousehold", VillageOffice, r => Scope.Village(r.Source?.VillageCode))
            .Write<Api.MergeHouseholdsRequest>("MergeHouseholds", VillageOffice, r => Scope.Village(r.Source?.VillageCode))
            .Write<Api.AddMemberRequest>("AddMember", VillageOffice, r => Scope.Village(r.Household?.VillageCode))
            .Write<Api.UpdateMemberRequest>("UpdateMember", VillageOffice, r => Scope.Village(r.Household?.VillageCode))
            .Write<Api.RemoveMemberRequest>("RemoveMember", VillageOffice, r => Scope.Village(r.Household?.VillageCode))
            .Write<Api.ChangeHeadRequest>("ChangeHead", VillageOffice, r => Scope.Village(r.Household?.VillageCode))
            .Write<Api.RecordPovertyStatusRequest>("RecordPovertyStatus", VillageOffice, r => Scope.Village(r.Household?.VillageCode))
            .Write<Api.MoveCardRequest>("MoveCard", VillageOffice, r => Scope.Village(r.Household?.VillageCode))
            .Read<Api.HouseholdRef>("GetHouseholdDetail", [CountyAdmin, VillageAdmin, PanelMember, Household], r => Scope.Household(r.VillageCode, r.HouseholdNumber))
            .Read<Api.SearchHouseholdsRequest>("SearchHouseholds", VillageStaff, r => Scope.Village(r.VillageCode))
        .Service(Api.Rules.Descriptor)
            .Read<Api.ListRulesRequest>("ListRules", VillageStaff, r => Scope.Village(r.VillageCode))
            .Read<Api.GetRuleRequest>("GetRule", VillageStaff, r => Scope.Village(r.VillageCode))
            .Write<Api.DefineRuleRequest>("DefineRule", VillageStaff, r => Scope.Village(r.VillageCode))
            .ActingAs<Api.DefineRuleRequest>(r => r.Actor)
        .Service(Api.Panels.Descriptor)
            .Read<Api.GetPanelRequest>("GetPanel", VillageStaff, r => Scope.Village(r.VillageCode))
            .Write<Api.SetPanelMemberRequest>("SetPanelMember", VillageOffice, r => Scope.Village(r.VillageCode))
            .Write<Api.RemovePanelMemberRequest>("RemovePanelMember", VillageOffice, r => Scope.Village(r.VillageCode))
            .Write<Api.SetPanelSettingsRequest>("SetPanelSettings", VillageOffice, r => Scope.Village(r.VillageCode))
            .Write<Api.SetPanelRulesRequest>("SetPanelRules", VillageOffice, r => Scope.Village(r.VillageCode))
        .Service(Api.Awards.Descriptor)
            .Write<Api.ProposeRequest>("Propose", [VillageAdmin, PanelMember], r => Scope.Village(r.VillageCode))
            .ActingAs<Api.ProposeRequest>(r => r.ProposedBy)
            .Write<Api.ApproveRequest>("Approve", PanelDecisions, (r, sp, ct) => ScoringScopes.ProposalAsync(sp, r.ProposalId, ct))
            .ActingAs<Api.ApproveRequest>(r => r.MemberId)
            .Write<Api.ObjectRequest>("Object", [VillageAdmin, PanelMember], (r, sp, ct) => ScoringScopes.ProposalAsync(sp, r.ProposalId, ct))
            .Write<Api.WithdrawRequest>("Withdraw", [VillageAdmin, PanelMember], (r, sp, ct) => ScoringScopes.ProposalAsync(sp, r.ProposalId, ct))
            .ActingAs<Api.WithdrawRequest>(r => r.MemberId)
            .Read<Api.GetProposalRequest>("GetProposal", VillageStaff, (r, sp, ct) => ScoringScopes.ProposalAsync(sp, r.ProposalId, ct))
            .Read<Api.ListProposalsRequest>("ListProposals", VillageStaff, r => Scope.Village(r.VillageCode))
            .Write<Api.SubmitSheetRequest>("SubmitSheet", [VillageAdmin, PanelMember], r => Scope.Village(r.VillageCode))
            .ActingAs<Api.SubmitSheetRequest>(r => r.SubmittedBy)
            .Write<Api.ApproveSheetRequest>("ApproveSheet", PanelDecisions, (r, sp, ct) => ScoringScopes.SheetAsync(sp, r.SheetId, ct))
            .ActingAs<Api.ApproveSheetRequest>(r => r.MemberId)
            .Read<Api.GetSheetRequest>("GetSheet", VillageStaff, (r, sp, ct) => ScoringScopes.SheetAsync(sp, r.SheetId, ct))
            .Read<Api.GetNoticeBoardRequest>("GetNoticeBoard", VillageStaff, r => Scope.Village(r.VillageCode))
            .Write<Api.PostDueRequest>("PostDue", VillageStaff, r => Scope.Village(r.VillageCode))
            // A household reaches its own village's board by naming itself; staff may read the same view.
            .Read<Api.HouseholdRef>("GetHouseholdNoticeBoard", [.. VillageStaff, Household], r => Scope.Household(r.VillageCode, r.HouseholdNumber))
            .Write<Api.ObjectAsHouseholdRequest>("ObjectAsHousehold", [Household], r => Scope.Household(r.Household?.VillageCode, r.Household?.HouseholdNumber))
        .Service(Api.Ledger.Descriptor)
            .Read<Api.HouseholdRef>("GetBalance", [CountyAdmin, VillageAdmin, PanelMember, Clerk, Household, Service], r => Scope.Household(r.VillageCode, r.HouseholdNumber))
                .ForServices(Redemption)
            .Read<Api.GetStatementRequest>("GetStatement", [CountyAdmin, VillageAdmin, PanelMember, Household], r => Scope.Household(r.Household?.VillageCode, r.Household?.HouseholdNumber))
            .Write<Api.ReverseRequest>("Reverse", VillageOffice, (r, sp, ct) => ScoringScopes.EntryAsync(sp, r.EntryId, ct))
            .Write<Api.HoldRequest>("Hold", [Service], r => Scope.Household(r.Household?.VillageCode, r.Household?.HouseholdNumber))
                .ForServices(Redemption)
            .Write<Api.CaptureRequest>("Capture", [Service], (r, sp, ct) => ScoringScopes.HoldAsync(sp, r.HoldId, ct))
                .ForServices(Redemption)
                .AnswerNames<Api.HoldResponse>(a => Scope.Household(a.Household?.VillageCode, a.Household?.HouseholdNumber))
            .Write<Api.ReleaseRequest>("Release", [Service], (r, sp, ct) => ScoringScopes.HoldAsync(sp, r.HoldId, ct))
                .ForServices(Redemption)
                .AnswerNames<Api.HoldResponse>(a => Scope.Household(a.Household?.VillageCode, a.Household?.HouseholdNumber))
            .Write<Api.SpendRequest>("Spend", [Service], r => Scope.Household(r.Household?.VillageCode, r.Household?.HouseholdNumber))
                .ForServices(Redemption)
            .Write<Api.CancelSpendRequest>("CancelSpend", [Service], r => Scope.Household(r.Household?.VillageCode, r.Household?.HouseholdNumber))
                .ForServices(Redemption)
            .Read<Api.GetHoldRequest>("GetHold", [CountyAdmin, VillageAdmin, Service], (r, sp, ct) => ScoringScopes.HoldAsync(sp, r.HoldId, ct))
                .ForServices(Redemption)
            .Write<Api.RefundRequest>("Refund", [Service], (r, sp, ct) => ScoringScopes.HoldAsync(sp, r.HoldId, ct))
                .ForServices(Redemption)
                .AnswerNames<Api.Entry>(a => Scope.Household(a.VillageCode, a.HouseholdNumber))
            .Read<Api.GetLeaderboardRequest>("GetLeaderboard", VillageStaff, r => Scope.Village(r.VillageCode))
            .Write<Api.RebuildLeaderboardRequest>("RebuildLeaderboard", VillageOffice, r => Scope.Village(r.VillageCode))
            .Read<Api.GetVillageTotalsRequest>("GetVillageTotals", [.. VillageStaff, Service], r => Scope.Village(r.VillageCode))
                .ForServices(Redemption)
            .Read<Api.GetCountyTotalsRequest>("GetCountyTotals", [CountyAdmin], r => Scope.None)
        .Service(Api.PointsExpiry.Descriptor)
            .Write<Api.SetExpiryPolicyRequest>("SetExpiryPolicy", VillageOffice, r => Scope.Village(r.VillageCode))
            .Read<Api.GetExpiryPolicyRequest>("GetExpiryPolicy", VillageStaff, r => Scope.Village(r.VillageCode))
            .Read<Api.ListExpiringPointsRequest>("ListExpiringPoints", VillageStaff, r => Scope.Village(r.VillageCode))
            .Write<Api.ExpireDueRequest>("ExpireDue", VillageOffice, r => Scope.Village(r.VillageCode))
        .Service(Api.YearReports.Descriptor)
            .Read<Api.GetYearRankingRequest>("GetYearRanking", VillageStaff, r => Scope.Village(r.VillageCode))
            .Read<Api.GetYearStatementRequest>("GetYearStatement", [.. VillageStaff, Household], r => Scope.Household(r.Household?.VillageCode, r.Household?.HouseholdNumber))
        .Service(Api.Journal.Descriptor)
            .Write<Api.SealJournalRequest>("SealJournal", VillageOffice, r => Scope.Village(r.VillageCode))
            .Read<Api.VerifyJournalRequest>("VerifyJournal", VillageOffice, r => Scope.Village(r.VillageCode))
        .Service(Api.AuditTrail.Descriptor)
            .Read<Platform.Contracts.Audit.V1.ListAuditRecordsRequest>("ListAuditRecords", [CountyAdmin], r => Scope.None);
}
