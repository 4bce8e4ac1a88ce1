using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Households;
using Platform.ServiceDefaults.Idempotency;
using Platform.ServiceDefaults.Paging;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Awards;

/// <summary>gRPC face of awards and deductions: proposals, sheets, the notice board, posting.</summary>
internal sealed partial class AwardsService(
    ScoringDb db, Lookups lookups, IdempotentWrites<ScoringDb> writes, AwardsWorkflow workflow, SheetWorkflow sheets,
    ProposalViews views, AwardsPosting posting) : Api.Awards.AwardsBase
{
    public override Task<Api.Proposal> Propose(Api.ProposeRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(Propose), request, async ct =>
            await views.ViewAsync((await workflow.ProposeAsync(request, ct)).Id, ct), context.CancellationToken);

    public override Task<Api.Proposal> Approve(Api.ApproveRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(Approve), request, async ct =>
        {
            await views.FindAsync(request.ProposalId, ct);
            await workflow.ApproveAsync(request.ProposalId, request.MemberId, ct);
            return await views.ViewAsync(request.ProposalId, ct);
        }, context.CancellationToken);

    public override Task<Api.Proposal> Object(Api.ObjectRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(Object), request, async ct =>
        {
            await views.FindAsync(request.ProposalId, ct);
            await workflow.ObjectAsync(request.ProposalId, request.By, request.Reason, ct);
            return await views.ViewAsync(request.ProposalId, ct);
        }, context.CancellationToken);

    public override Task<Api.Proposal> Withdraw(Api.WithdrawRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(Withdraw), request, async ct =>
        {
            await views.FindAsync(request.ProposalId, ct);
            Lookups.Note(request.Reason, "reason");
            await workflow.WithdrawAsync(request.ProposalId, request.MemberId, ct);
            return await views.ViewAsync(request.ProposalId, ct);
        }, context.CancellationToken);

    public override Task<Api.Proposal> GetProposal(Api.GetProposalRequest request, ServerCallContext context) =>
        views.ViewAsync(request.ProposalId, context.CancellationToken);

    public override async Task<Api.ListProposalsResponse> ListProposals(Api.ListProposalsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var village = await lookups.VillageAsync(request.VillageCode, ct);
        if (!Enum.IsDefined(request.Status))
        {
            throw ServiceDefaults.Errors.DomainException.Invalid("STATUS_INVALID", "Unknown proposal status.",
                "status");
        }

        var size = Paging.Size(request.PageSize);
        var after = Paging.After(request.PageToken);
        var query = db.Proposals.AsNoTracking().Where(p => p.VillageCode == village.Code && p.Id > after);
        query = request.Status == Api.ProposalStatus.Unspecified
            ? query.Where(p => p.Status == ProposalStatus.Proposed || p.Status == ProposalStatus.Returned)
            : query.WithStatus(db, (ProposalStatus)(int)request.Status);
        var page = await query.OrderBy(p => p.Id).Take(size + 1).ToListAsync(ct);
        var response = new Api.ListProposalsResponse { Proposals = { await views.ViewManyAsync(page.Take(size).ToList(), ct) } };
        if (page.Count > size)
        {
            response.NextPageToken = Paging.Token(page[size - 1].Id);
        }

        return response;
    }

    public override Task<Api.Sheet> SubmitSheet(Api.SubmitSheetRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(SubmitSheet), request, async ct =>
            await sheets.ViewAsync(await sheets.SubmitAsync(request, ct), ct), context.CancellationToken);

    public override Task<Api.Sheet> ApproveSheet(Api.ApproveSheetRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ApproveSheet), request, async ct =>
            await sheets.ViewAsync(await sheets.ApproveAsync(request.SheetId, request.MemberId, ct), ct), context.CancellationToken);

    public override async Task<Api.Sheet> GetSheet(Api.GetSheetRequest request, ServerCallContext context) =>
        await sheets.ViewAsync(await sheets.FindAsync(request.SheetId, context.CancellationToken), context.CancellationToken);

    public override async Task<Api.NoticeBoard> GetNoticeBoard(Api.GetNoticeBoardRequest request, ServerCallContext context)
    {
        var village = await lookups.VillageAsync(request.VillageCode, context.CancellationToken);
        var onNotice = await (
                from n in db.NoticeBoard.AsNoTracking()
                where n.VillageCode == village.Code
                orderby n.NoticeEndsAt, n.ProposalId
                join p in db.Proposals.AsNoTracking() on n.ProposalId equals p.Id
                select p)
            .Take(5_000)
            .ToListAsync(context.CancellationToken);
        return new Api.NoticeBoard
        {
            VillageCode = village.Code,
            OnNotice = { await views.ViewManyAsync(onNotice, context.CancellationToken) },
        };
    }

    public override async Task<Api.PostDueResponse> PostDue(Api.PostDueRequest request, ServerCallContext context)
    {
        string? village = null;
        if (!string.IsNullOrWhiteSpace(request.VillageCode))
        {
            village = (await lookups.VillageAsync(request.VillageCode, context.CancellationToken)).Code;
        }

        var result = await posting.PostDueAsync(village, context.CancellationToken);
        return new Api.PostDueResponse { Posted = result.Posted, Points = result.Points };
    }
}
