using System.Numerics;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Allocation;

/// <summary>
/// Divides a cooperative's surplus by its policy, in this order: funds, cap, guarantees on
/// preferred shares, patronage, shares. Pure and exact: integers and rationals only, each part by
/// the largest-remainder method, so Reserve + Welfare + Retained + allocations = Distributable.
/// </summary>
public static class DividendAllocator
{
    private const int BasisPoints = 10_000;

    public static AllocationResult Allocate(DistributionFigures figures, AllocationPolicy policy, IReadOnlyList<MemberInput> members)
    {
        AllocationInputCheck.Validate(figures, policy, members);
        var sorted = members.OrderBy(m => m.MemberId).ToArray();
        var ids = sorted.Select(m => m.MemberId).ToArray();

        var net = (Int128)figures.IncomeFen - figures.ExpensesFen + figures.BroughtForwardFen - figures.LossCarriedForwardFen;
        if (net > long.MaxValue)
        {
            throw DomainException.Invalid("AMOUNT_TOO_LARGE", "The distributable amount is too large to compute; check the figures.");
        }

        if (net <= 0)
        {
            var none = sorted.Select(m => new MemberAllocation(m.MemberId, 0, 0, 0)).ToArray();
            return new AllocationResult(0, 0, 0, 0, (long)(-net), none);
        }

        var distributable = (long)net;
        var reserve = Rate(distributable, policy.ReserveBp);
        var welfare = Rate(distributable, policy.WelfareBp);
        var pool = distributable - reserve - welfare;
        long retained = 0;
        if (policy.CapThresholdFen is { } threshold && distributable > threshold)
        {
            var most = Rate(distributable, policy.CapBp);
            if (pool > most)
            {
                retained = pool - most;
                pool = most;
            }
        }

        var (guaranteed, rest) = Guarantees(figures, policy, sorted, ids, pool);

        var trade = sorted.Select(m => new BigInteger(m.PatronageFen)).ToArray();
        var totalTrade = Sum(trade);
        var patronagePart = totalTrade.IsZero ? 0 : Rate(rest, policy.PatronageBp);
        var patronage = Shares(patronagePart, trade, totalTrade, ids);

        var sharesPart = rest - patronagePart;
        var weights = sorted.Select(m => ShareDays(m, figures, policy)).ToArray();
        var totalWeight = Sum(weights);
        if (totalWeight.IsZero)
        {
            retained += sharesPart;
            sharesPart = 0;
        }

        var shares = Shares(sharesPart, weights, totalWeight, ids);

        var lines = new MemberAllocation[sorted.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            lines[i] = new MemberAllocation(ids[i], guaranteed[i], patronage[i], shares[i]);
        }

        return new AllocationResult(distributable, reserve, welfare, retained, 0, lines);
    }

    /// <summary>Guarantees first; if the pool cannot cover them all, they share it pro rata and nothing else is paid.</summary>
    private static (long[] Guaranteed, long Remaining) Guarantees(
        DistributionFigures figures, AllocationPolicy policy, MemberInput[] sorted, long[] ids, long pool)
    {
        var denominator = (BigInteger)BasisPoints * HoldingDays.YearDaysDenominator;
        var owed = sorted.Select(m => m.Holdings
            .Where(h => h.Class == ShareClass.PovertyReliefPreferred)
            .Aggregate(BigInteger.Zero, (sum, h) =>
                sum + (BigInteger)h.Quantity * policy.PreferredGuaranteeBp * HoldingDays.YearFraction(h, figures.PeriodFrom, figures.PeriodTo)))
            .ToArray();
        var totalOwed = Sum(owed);
        if (totalOwed.IsZero)
        {
            return (new long[sorted.Length], pool);
        }

        if (totalOwed >= pool * denominator)
        {
            return (Shares(pool, owed, totalOwed, ids), 0);
        }

        var total = (long)(totalOwed / denominator);
        return (LargestRemainder.Allocate(total, owed, denominator, ids), pool - total);
    }

    private static BigInteger ShareDays(MemberInput member, DistributionFigures figures, AllocationPolicy policy)
    {
        BigInteger sum = 0;
        foreach (var h in member.Holdings)
        {
            if (h.Class == ShareClass.PovertyReliefPreferred && !policy.PreferredJoinsProRata)
            {
                continue;
            }

            var weight = policy.ClassWeights.TryGetValue(h.Class, out var w) ? w : 0;
            sum += (BigInteger)h.Quantity * HoldingDays.In(h, figures.PeriodFrom, figures.PeriodTo) * weight;
        }

        return sum;
    }

    /// <summary>Divides <paramref name="total"/> in proportion to the weights.</summary>
    private static long[] Shares(long total, BigInteger[] weights, BigInteger totalWeight, long[] ids) =>
        totalWeight.IsZero || total == 0
            ? new long[weights.Length]
            : LargestRemainder.Allocate(total, weights.Select(w => w * total).ToArray(), totalWeight, ids);

    private static long Rate(long amount, int bp) => (long)((Int128)amount * bp / BasisPoints);

    private static BigInteger Sum(BigInteger[] values)
    {
        BigInteger sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }
}
