using Platform.ServiceDefaults.Security;
using static Platform.ServiceDefaults.Security.Role;
using Api = Platform.Contracts.Dividends.V1;

namespace Platform.Dividends.Security;

/// <summary>
/// Who may call each of Dividends' RPCs, and what each request is about. One line per RPC; an
/// RPC without a line is refused to everyone. Auditors are added to every Read. The matrix in
/// docs/security.md is generated from this table.
/// </summary>
internal static class DividendsAccess
{
    private static readonly Role[] Accountant = [CooperativeAccountant];
    private static readonly Role[] Readers = [CountyAdmin, CooperativeAccountant];
    private static readonly Role[] BoardReaders = [CountyAdmin, CooperativeAccountant, CooperativeBoard];

    public static AccessTable Table { get; } = new AccessTable()
        .Service(Api.Cooperatives.Descriptor)
            .Write<Api.RegisterCooperativeRequest>("RegisterCooperative", [CountyAdmin, VillageAdmin], r => Scope.Village(r.VillageCode))
            .Read<Api.GetCooperativeRequest>("GetCooperative", Readers, r => Scope.Cooperative(r.Code))
            .Write<Api.RecordStatutesProvisionRequest>("RecordStatutesProvision", Accountant, r => Scope.Cooperative(r.CooperativeCode))
        .Service(Api.Members.Descriptor)
            .Write<Api.JoinCooperativeRequest>("JoinCooperative", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Read<Api.ListMembersRequest>("ListMembers", Readers, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.RecordHoldingRequest>("RecordHolding", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.RecordPatronageRequest>("RecordPatronage", Accountant, r => Scope.Cooperative(r.CooperativeCode))
        .Service(Api.Distributions.Descriptor)
            .Write<Api.SetPolicyRequest>("SetPolicy", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Read<Api.GetPolicyRequest>("GetPolicy", Readers, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.DraftDistributionRequest>("DraftDistribution", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.RedraftDistributionRequest>("RedraftDistribution", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Read<Api.GetDistributionRequest>("GetDistribution", BoardReaders, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Write<Api.ApproveDistributionRequest>("ApproveDistribution", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Write<Api.PublishDistributionRequest>("PublishDistribution", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Write<Api.LodgeObjectionRequest>("LodgeObjection", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Write<Api.ResolveObjectionRequest>("ResolveObjection", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Read<Api.GetMemberStatementRequest>("GetMemberStatement", [CountyAdmin, CooperativeAccountant, Household], (r, sp, ct) => DividendsScopes.MemberAsync(sp, r.MemberId, ct))
        .Service(Api.Payouts.Descriptor)
            .Write<Api.CreatePayoutRequest>("CreatePayout", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Write<Api.RecordPayoutOutcomeRequest>("RecordPayoutOutcome", Accountant, (r, sp, ct) => DividendsScopes.PayoutAsync(sp, r.PayoutId, ct))
            .Write<Api.RetryPayoutRequest>("RetryPayout", Accountant, (r, sp, ct) => DividendsScopes.PayoutAsync(sp, r.PayoutId, ct))
            .Read<Api.ListPayoutsRequest>("ListPayouts", Readers, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Read<Api.ExportBankTransferFileRequest>("ExportBankTransferFile", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Write<Api.SetPaymentDetailsRequest>("SetPaymentDetails", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.CreatePayoutsRequest>("CreatePayouts", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
            .Write<Api.ImportBankResultRequest>("ImportBankResult", Accountant, (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
        .Service(Api.Board.Descriptor)
            .Write<Api.AddBoardMemberRequest>("AddBoardMember", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.EndBoardTermRequest>("EndBoardTerm", Accountant, (r, sp, ct) => DividendsScopes.RosterEntryAsync(sp, r.RosterId, ct))
            .Write<Api.RecordAssemblyRequest>("RecordAssembly", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Read<Api.GetBoardRequest>("GetBoard", BoardReaders, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.SignApprovalRequest>("SignApproval", [CooperativeBoard], (r, sp, ct) => DividendsScopes.DistributionAsync(sp, r.DistributionId, ct))
                .ActingAs<Api.SignApprovalRequest>(r => r.Signer)
        .Service(Api.CollectiveIncome.Descriptor)
            .Write<Api.RecordIncomeRequest>("RecordIncome", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.RecordExpenseRequest>("RecordExpense", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.ReverseLineRequest>("ReverseLine", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Read<Api.ListLinesRequest>("ListLines", Readers, r => Scope.Cooperative(r.CooperativeCode))
            .Read<Api.GetYearStatementRequest>("GetYearStatement", Readers, r => Scope.Cooperative(r.CooperativeCode))
            .Read<Api.GetFundsRequest>("GetFunds", Readers, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.SpendFromFundRequest>("SpendFromFund", Accountant, r => Scope.Cooperative(r.CooperativeCode))
            .Write<Api.DepositToFundRequest>("DepositToFund", Accountant, r => Scope.Cooperative(r.CooperativeCode))
        .Service(Api.AuditTrail.Descriptor)
            .Read<Platform.Contracts.Audit.V1.ListAuditRecordsRequest>("ListAuditRecords", [CountyAdmin], r => Scope.None);
}
