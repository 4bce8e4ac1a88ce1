using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Allocation;
using Platform.Dividends.Data;

namespace Platform.Dividends.Cooperatives;

/// <summary>
/// Which share of the distributable surplus a cooperative must return by trade: the kind decides
/// whether any applies (a shareholding cooperative distributes by shares), the statutes' latest
/// provision overrides the law's 60%.
/// </summary>
internal sealed record PatronageMinimum(int Bp, StatutesProvision? Provision)
{
    public static async Task<PatronageMinimum?> ForAsync(DividendsDb db, string cooperativeCode, CancellationToken ct)
    {
        var kind = await db.Cooperatives.Where(c => c.Code == cooperativeCode).Select(c => c.Kind).FirstAsync(ct);
        return kind == CooperativeKind.FarmersSpecialised ? await OfSpecialisedAsync(db, cooperativeCode, ct) : null;
    }

    public static async Task<PatronageMinimum> OfSpecialisedAsync(DividendsDb db, string cooperativeCode, CancellationToken ct)
    {
        var provision = await db.StatutesProvisions.AsNoTracking().Where(p => p.CooperativeCode == cooperativeCode)
            .OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
        return new PatronageMinimum(provision?.PatronageMinimumBp ?? LawfulPatronage.LawMinimumBp, provision);
    }
}
