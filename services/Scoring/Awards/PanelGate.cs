using Microsoft.EntityFrameworkCore;
using Platform.Scoring.Data;
using Platform.Scoring.Panels;
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

    /// <summary>A member never approves an award or deduction for his or her own household.</summary>
    public static void RequireRecusal(PanelMember member, string householdNumber)
    {
        if (member.HouseholdNumber.Length > 0 && member.HouseholdNumber == householdNumber)
        {
            throw DomainException.Precondition("RECUSAL_REQUIRED",
                $"{member.Name} belongs to household {householdNumber} and cannot approve its own award or deduction; another panel member must.",
                ("member_id", member.MemberId), ("household_number", householdNumber));
        }
    }

    public static async Task<int> QuorumAsync(ScoringDb db, string villageCode, int configured, CancellationToken ct) =>
        Quorum.Needed(configured, await db.PanelMembers.CountAsync(m => m.VillageCode == villageCode, ct));
}
