using System.Numerics;
using Platform.ServiceDefaults.Errors;

namespace Platform.Dividends.Allocation;

/// <summary>
/// Divides a cooperative's surplus by its policy, in this order: funds, cap, guarantees on
/// preferred shares, patronage, shares. Pure and exact: integers and rationals only, each part by
/// the largest-remainder method, so Reserve + Welfare + Retained + allocations = Distributable.
/// The rationals are computed in Int128 with overflow checks, and again in BigInteger when a
/// product does not fit, so the result never depends on the size of the figures.
/// </summary>
internal static class DividendAllocator
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
            throw DomainException.Invalid("AMOUNT_TOO_LARGE", "The distributable amount is too large to compute; check the figures, income_fen first.", "income_fen");
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

        // The law's distributable surplus (可分配盈余) is what is left once the funds are drawn.
        var parts = new Parts(figures, policy, sorted, ids, pool, distributable - reserve - welfare);
        MemberAllocation[] lines;
        try
        {
            lines = parts.Compute<Int128>(ref retained);
        }
        catch (OverflowException)
        {
            lines = parts.Compute<BigInteger>(ref retained);
        }

        return new AllocationResult(distributable, reserve, welfare, retained, 0, lines);
    }

    private static long Rate(long amount, int bp) => (long)((Int128)amount * bp / BasisPoints);

    private static long RateUp(long amount, int bp) => (long)(((Int128)amount * bp + BasisPoints - 1) / BasisPoints);

    /// <summary>The members' parts of the pool, in exact integer arithmetic of type T.</summary>
    private sealed class Parts(DistributionFigures figures, AllocationPolicy policy, MemberInput[] sorted, long[] ids, long pool, long surplus)
    {
        // Indexed by share class; a class not in the policy weighs 0, and so does preferred unless it joins.
        private readonly int[] weightOf = Enum.GetValues<ShareClass>().Aggregate(new int[8], (w, c) =>
        {
            w[(int)c] = c == ShareClass.PovertyReliefPreferred && !policy.PreferredJoinsProRata
                ? 0
                : policy.ClassWeights.GetValueOrDefault(c);
            return w;
        });

        public MemberAllocation[] Compute<T>(ref long retained)
            where T : IBinaryInteger<T>
        {
            var (guaranteed, rest) = Guarantees<T>();

            var trade = new T[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                trade[i] = T.CreateChecked(sorted[i].PatronageFen);
            }

            var totalTrade = Sum(trade);
            var patronagePart = T.IsZero(totalTrade) ? 0
                : policy.PatronageFloorBp is null ? Rate(rest, policy.PatronageBp) : RateUp(rest, policy.PatronageBp);
            if (policy.PatronageFloorBp is { } floorBp)
            {
                LawfulPatronage.Check(patronagePart, surplus, floorBp, RateUp(surplus, floorBp), pool - rest, T.IsZero(totalTrade));
            }

            var patronage = Shares(patronagePart, trade, totalTrade);

            var sharesPart = rest - patronagePart;
            var weights = new T[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                weights[i] = ShareDays<T>(sorted[i]);
            }

            var totalWeight = Sum(weights);
            if (T.IsZero(totalWeight))
            {
                retained += sharesPart;
                sharesPart = 0;
            }

            var shares = Shares(sharesPart, weights, totalWeight);
            var lines = new MemberAllocation[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                lines[i] = new MemberAllocation(ids[i], guaranteed[i], patronage[i], shares[i]);
            }

            return lines;
        }

        /// <summary>Guarantees first; if the pool cannot cover them all, they share it pro rata and nothing else is paid.</summary>
        private (long[] Guaranteed, long Remaining) Guarantees<T>()
            where T : IBinaryInteger<T>
        {
            var denominator = checked(T.CreateChecked(BasisPoints) * T.CreateChecked(HoldingDays.YearDaysDenominator));
            var bp = T.CreateChecked(policy.PreferredGuaranteeBp);
            var owed = new T[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                var sum = T.Zero;
                foreach (var h in sorted[i].Holdings)
                {
                    if (h.Class == ShareClass.PovertyReliefPreferred)
                    {
                        var fraction = T.CreateChecked(HoldingDays.YearFraction(h, figures.PeriodFrom, figures.PeriodTo));
                        sum = checked(sum + (T.CreateChecked(h.Quantity) * bp * fraction));
                    }
                }

                owed[i] = sum;
            }

            var totalOwed = Sum(owed);
            if (T.IsZero(totalOwed))
            {
                return (new long[sorted.Length], pool);
            }

            // owed ≥ pool × denominator exactly when floor(owed / denominator) ≥ pool, without the product.
            var covered = totalOwed / denominator;
            if (covered >= T.CreateChecked(pool))
            {
                return (Shares(pool, owed, totalOwed), 0);
            }

            var total = long.CreateChecked(covered);
            return (LargestRemainder.Allocate(total, owed, denominator, ids), pool - total);
        }

        private T ShareDays<T>(MemberInput member)
            where T : IBinaryInteger<T>
        {
            var sum = T.Zero;
            foreach (var h in member.Holdings)
            {
                var weight = weightOf[(int)h.Class];
                if (weight == 0 || h.Quantity == 0)
                {
                    continue;
                }

                var days = HoldingDays.In(h, figures.PeriodFrom, figures.PeriodTo);
                sum = checked(sum + (T.CreateChecked(h.Quantity) * T.CreateChecked(days) * T.CreateChecked(weight)));
            }

            return sum;
        }

        /// <summary>Divides <paramref name="total"/> in proportion to the weights.</summary>
        private long[] Shares<T>(long total, T[] weights, T totalWeight)
            where T : IBinaryInteger<T>
        {
            if (T.IsZero(totalWeight) || total == 0)
            {
                return new long[weights.Length];
            }

            var factor = T.CreateChecked(total);
            var numerators = new T[weights.Length];
            for (var i = 0; i < weights.Length; i++)
            {
                numerators[i] = checked(weights[i] * factor);
            }

            return LargestRemainder.Allocate(total, numerators, totalWeight, ids);
        }

        private static T Sum<T>(T[] values)
            where T : IBinaryInteger<T>
        {
            var sum = T.Zero;
            foreach (var v in values)
            {
                sum = checked(sum + v);
            }

            return sum;
        }
    }
}
