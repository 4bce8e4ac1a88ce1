using Microsoft.EntityFrameworkCore;
using Platform.Dividends.Allocation;
using Platform.Dividends.Cooperatives;
using Platform.Dividends.Data;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Distributions;

/// <summary>Gathers a cooperative's members, holdings, trade and policy, and computes a draft's allocations.</summary>
internal static class DistributionDrafter
{
    public static async Task<IReadOnlyList<AllocationLine>> ComputeAsync(DividendsDb db, Distribution d, CancellationToken ct)
    {
        var policy = await db.Policies.AsNoTracking().Where(p => p.CooperativeCode == d.CooperativeCode)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct)
            ?? throw DomainException.Precondition("POLICY_MISSING",
                $"Cooperative {d.CooperativeCode} has no distribution policy yet; set one before drafting.");
        var memberIds = await db.Members.AsNoTracking().Where(m => m.CooperativeCode == d.CooperativeCode)
            .Select(m => m.Id).ToListAsync(ct);
        var holdings = (await db.Holdings.AsNoTracking().Where(h => h.CooperativeCode == d.CooperativeCode).ToListAsync(ct))
            .ToLookup(h => h.MemberId, h => new HeldShares(h.Class, h.Quantity, h.EffectiveFrom, h.EffectiveTo));
        var trade = (await db.Patronage.AsNoTracking()
                .Where(p => p.CooperativeCode == d.CooperativeCode && p.PeriodFrom >= d.PeriodFrom && p.PeriodTo <= d.PeriodTo)
                .ToListAsync(ct))
            .GroupBy(p => p.MemberId)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.AmountFen));
        var members = memberIds
            .Select(id => new MemberInput(id, holdings[id].ToList(), trade.GetValueOrDefault(id)))
            .ToList();

        var minimum = await PatronageMinimum.ForAsync(db, d.CooperativeCode, ct);
        var result = DividendAllocator.Allocate(
            new DistributionFigures(d.PeriodFrom, d.PeriodTo, d.IncomeFen, d.ExpensesFen, d.BroughtForwardFen, d.LossCarriedForwardFen),
            policy.ToPolicy() with { PatronageFloorBp = minimum?.Bp }, members);

        d.PolicyVersion = policy.Version;
        d.PatronageMinimumBp = minimum?.Bp;
        d.DistributableFen = result.DistributableFen;
        d.ReserveFen = result.ReserveFen;
        d.WelfareFen = result.WelfareFen;
        d.RetainedFen = result.RetainedFen;
        d.LossCarriedOutFen = result.LossCarriedOutFen;
        d.AllocatedFen = result.AllocatedFen;
        return result.Members.Select(m => new AllocationLine
        {
            DistributionId = d.Id,
            MemberId = m.MemberId,
            GuaranteedFen = m.GuaranteedFen,
            PatronageFen = m.PatronageFen,
            SharesFen = m.SharesFen,
            TotalFen = m.TotalFen,
        }).ToList();
    }
}
