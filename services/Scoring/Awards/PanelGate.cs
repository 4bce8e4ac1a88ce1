using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Panels;
using Platform.Scoring.Villages;
using Platform.ServiceDefaults.Errors;

namespace Platform.Scoring.Awards;

/// <summary>Who may act for the panel, and for which households not.</summary>
internal static class PanelGate
{
    public static async Task<PanelMember> MemberAsync(ScoringDb db, string villageCode, string? memberId, string field, CancellationToken ct)
    {
        var id = Input.Code(memberId, field, "panel member id");
        return await db.PanelMembers.AsNoTracking().FirstOrDefaultAsync(m => m.VillageCode == villageCode && m.MemberId == id, ct)
            ?? throw DomainException.Precondition("NOT_A_PANEL_MEMBER",
                $"{id} is not a member of the review panel of village {villageCode}.",
                (field, id));
    }

    /// <summary>Refuses a member approving what he or she proposed, where the village's rules forbid it.</summary>
    public static void RequireNotProposer(PanelComposition rules, PanelMember member, string proposedBy, string what)
    {
        if (rules.SeparateProposer && member.MemberId == proposedBy)
        {
            throw DomainException.Precondition("PROPOSER_MAY_NOT_APPROVE",
                $"{member.Name} proposed this {what} and, under the village's panel rules, cannot also approve it; another panel member must.",
                ("member_id", member.MemberId));
        }
    }

    public static async Task<PanelComposition> CompositionAsync(ScoringDb db, Village village, CancellationToken ct)
    {
        var minimums = await db.PanelRoleMinimums.AsNoTracking().Where(m => m.VillageCode == village.Code)
            .ToDictionaryAsync(m => m.Role, m => m.Approvals, ct);
        return new PanelComposition(minimums, village.FirstSecretaryRequired, village.SeparateProposer);
    }

    /// <summary>The roles of the members who approved a proposal (null for someone no longer on the panel).</summary>
    public static async Task<IReadOnlyList<PanelRole?>> ApproverRolesAsync(ScoringDb db, string villageCode, long proposalId, CancellationToken ct) =>
        await (from a in db.ProposalApprovals.AsNoTracking()
               where a.ProposalId == proposalId
               join m in db.PanelMembers.AsNoTracking().Where(m => m.VillageCode == villageCode) on a.MemberId equals m.MemberId into ms
               from m in ms.DefaultIfEmpty()
               select m == null ? (PanelRole?)null : m.Role)
            .ToListAsync(ct);

    public static async Task<int> QuorumAsync(ScoringDb db, string villageCode, int configured, CancellationToken ct) =>
        Quorum.Needed(configured, await db.PanelMembers.CountAsync(m => m.VillageCode == villageCode, ct));
}
