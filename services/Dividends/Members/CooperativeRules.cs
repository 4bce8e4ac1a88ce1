using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Members;

/// <summary>Lookups that refuse unknown cooperatives and members with NotFound.</summary>
internal static class CooperativeRules
{
    public static async Task<string> KnownCooperativeAsync(DividendsDb db, string? code, CancellationToken ct)
    {
        var checkedCode = Input.Code(code, "cooperative_code", "cooperative code");
        return await db.Cooperatives.AnyAsync(c => c.Code == checkedCode, ct)
            ? checkedCode
            : throw DomainException.NotFound("COOPERATIVE_NOT_FOUND", $"No cooperative with code {checkedCode} is registered.");
    }

    public static async Task<Member> KnownMemberAsync(DividendsDb db, string cooperativeCode, long memberId, CancellationToken ct) =>
        await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.CooperativeCode == cooperativeCode, ct)
        ?? throw DomainException.NotFound("MEMBER_NOT_FOUND",
            $"Member {memberId} is not a member of cooperative {cooperativeCode}.",
            ("member_id", memberId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
