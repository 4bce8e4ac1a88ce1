using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Panels;
using Platform.ServiceDefaults.Clock;
using Platform.ServiceDefaults.Errors;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.Scoring.Awards;

/// <summary>Reads proposals as the API shows them: with approvals, objections and the quorum.</summary>
internal sealed class ProposalViews(ScoringDb db)
{
    public async Task<Proposal> FindAsync(long id, CancellationToken ct, bool tracked = false)
    {
        if (id <= 0)
        {
            throw DomainException.Invalid("PROPOSAL_ID_INVALID", "A proposal id is a positive number.",
                "proposal_id");
        }

        var query = tracked ? db.Proposals : db.Proposals.AsNoTracking();
        return await query.FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw DomainException.NotFound("PROPOSAL_NOT_FOUND", $"There is no proposal {id}.");
    }

    public async Task<Api.Proposal> ViewAsync(long id, CancellationToken ct) =>
        (await ViewManyAsync([await FindAsync(id, ct)], ct))[0];

    public async Task<IReadOnlyList<Api.Proposal>> ViewManyAsync(IReadOnlyList<Proposal> proposals, CancellationToken ct)
    {
        var ids = proposals.Select(p => p.Id).ToList();
        var householdIds = proposals.Select(p => p.HouseholdId).Distinct().ToList();
        var numbers = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var approvals = (await db.ProposalApprovals.AsNoTracking().Where(a => ids.Contains(a.ProposalId)).ToListAsync(ct))
            .ToLookup(a => a.ProposalId);
        var objections = (await db.ProposalObjections.AsNoTracking().Where(o => ids.Contains(o.ProposalId)).ToListAsync(ct))
            .ToLookup(o => o.ProposalId);
        var objectors = objections.SelectMany(g => g).Select(o => o.HouseholdId).OfType<long>().Distinct().ToList();
        var objectorNumbers = objectors.Count == 0
            ? []
            : await db.Households.AsNoTracking().Where(h => objectors.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.ProposalId != null && ids.Contains(e.ProposalId.Value))
            .ToDictionaryAsync(e => e.ProposalId!.Value, e => e.Id, ct);
        var quorums = new Dictionary<string, int>();
        var compositions = new Dictionary<string, PanelComposition>();
        var roles = new Dictionary<string, Dictionary<string, PanelRole>>();
        foreach (var code in proposals.Select(p => p.VillageCode).Distinct())
        {
            var village = await db.Villages.AsNoTracking().FirstAsync(v => v.Code == code, ct);
            quorums[code] = await PanelGate.QuorumAsync(db, code, village.Quorum, ct);
            compositions[code] = await PanelGate.CompositionAsync(db, village, ct);
            roles[code] = await db.PanelMembers.AsNoTracking().Where(m => m.VillageCode == code).ToDictionaryAsync(m => m.MemberId, m => m.Role, ct);
        }

        return proposals.Select(p =>
        {
            var view = new Api.Proposal
            {
                Id = p.Id,
                VillageCode = p.VillageCode,
                HouseholdNumber = numbers.GetValueOrDefault(p.HouseholdId, string.Empty),
                RuleCode = p.RuleCode,
                RuleVersion = p.RuleVersion,
                Points = p.Points,
                Note = p.Note,
                EvidenceRef = p.EvidenceRef ?? string.Empty,
                ProposedBy = p.ProposedBy,
                Status = (Api.ProposalStatus)(int)ProposalState.Shown(p, entries.ContainsKey(p.Id)),
                ApprovedBy = { approvals[p.Id].OrderBy(a => a.At).Select(a => a.MemberId) },
                ApprovalsNeeded = quorums[p.VillageCode],
                Objections =
                {
                    objections[p.Id].OrderBy(o => o.At).Select(o => new Api.Objection
                    {
                        By = o.By, Reason = o.Reason, At = Utc(o.At),
                        HouseholdNumber = o.HouseholdId is { } h ? objectorNumbers.GetValueOrDefault(h, string.Empty) : string.Empty,
                    }),
                },
                EntryId = entries.GetValueOrDefault(p.Id),
                SheetId = p.SheetId ?? 0,
                Period = p.Period,
                ProposedAt = Utc(p.ProposedAt),
            };
            if (view.Status is Api.ProposalStatus.Proposed or Api.ProposalStatus.Returned)
            {
                var approverRoles = approvals[p.Id].Select(a => roles[p.VillageCode].TryGetValue(a.MemberId, out var r) ? r : (PanelRole?)null).ToList();
                view.Lacking.AddRange(compositions[p.VillageCode].Lacking(quorums[p.VillageCode], approverRoles));
            }

            if (p.NoticeEndsAt is { } ends)
            {
                view.NoticeEndsAt = Utc(ends);
            }

            return view;
        }).ToList();
    }

    private static Timestamp Utc(DateTime at) => StoredTime.Stamp(at);
}
