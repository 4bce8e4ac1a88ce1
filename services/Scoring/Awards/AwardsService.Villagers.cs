using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Clock;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Awards;

/// <summary>The notice board as a household sees it, and its objection in its own name.</summary>
internal sealed partial class AwardsService
{
    public const int MaxBoardLines = 5_000;

    public override async Task<Api.HouseholdNoticeBoard> GetHouseholdNoticeBoard(Api.HouseholdRef request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var own = await lookups.HouseholdAsync(request, ct, mustBeActive: false);
        var lines = await (
                from n in db.NoticeBoard.AsNoTracking()
                where n.VillageCode == own.VillageCode
                join p in db.Proposals.AsNoTracking() on n.ProposalId equals p.Id
                join h in db.Households.AsNoTracking() on p.HouseholdId equals h.Id
                join r in db.Rules.AsNoTracking() on new { p.VillageCode, Code = p.RuleCode, Version = p.RuleVersion }
                    equals new { r.VillageCode, r.Code, r.Version }
                orderby n.NoticeEndsAt, n.ProposalId
                select new { p.Id, p.HouseholdId, h.HeadName, h.Number, p.RuleCode, RuleName = r.Name, p.Points, p.Period, n.NoticeEndsAt })
            .Take(MaxBoardLines)
            .ToListAsync(ct);
        return new Api.HouseholdNoticeBoard
        {
            VillageCode = own.VillageCode,
            OnNotice =
            {
                lines.Select(l => new Api.PublicNotice
                {
                    ProposalId = l.Id,
                    HeadNameMasked = NameMask.Of(l.HeadName),
                    OwnHousehold = l.HouseholdId == own.Id,
                    HouseholdNumber = l.HouseholdId == own.Id ? l.Number : string.Empty,
                    RuleCode = l.RuleCode,
                    RuleName = l.RuleName,
                    Points = l.Points,
                    Period = l.Period,
                    NoticeEndsAt = StoredTime.Stamp(l.NoticeEndsAt),
                }),
            },
        };
    }

    public override Task<Api.HouseholdObjection> ObjectAsHousehold(Api.ObjectAsHouseholdRequest request, ServerCallContext context) =>
        writes.RunAsync(request.IdempotencyKey, nameof(ObjectAsHousehold), request, async ct =>
        {
            var household = await lookups.HouseholdAsync(request.Household, ct);
            await views.FindAsync(request.ProposalId, ct);
            var at = await workflow.ObjectAsHouseholdAsync(household, request.ProposalId, request.Reason, ct);
            var status = (await views.ViewAsync(request.ProposalId, ct)).Status;
            return new Api.HouseholdObjection
            {
                ProposalId = request.ProposalId,
                HouseholdNumber = household.Number,
                Status = status,
                Reason = request.Reason.Trim(),
                At = StoredTime.Stamp(at),
            };
        }, context.CancellationToken);
}
