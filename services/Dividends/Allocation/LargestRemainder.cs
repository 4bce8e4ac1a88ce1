using System.Numerics;

namespace Platform.Dividends.Allocation;

/// <summary>
/// Hamilton's largest-remainder method on exact rationals: member i's exact share is
/// numerators[i] / denominator; each gets the floor of it, and the fen left of the total go
/// one each to the largest remainders, ties to the lower member id
/// (the members must come in ascending member-id order). So the parts add up to
/// the total and none is a fen or more from its exact share.
/// </summary>
internal static class LargestRemainder
{
    public static long[] Allocate<T>(long total, IReadOnlyList<T> numerators, T denominator, IReadOnlyList<long> memberIds)
        where T : IBinaryInteger<T>
    {
        var count = numerators.Count;
        var result = new long[count];
        if (total == 0 || count == 0)
        {
            return result;
        }

        for (var i = 1; i < count; i++)
        {
            if (memberIds[i] <= memberIds[i - 1])
            {
                throw new ArgumentException("Members must be given in ascending member-id order.", nameof(memberIds));
            }
        }

        if (typeof(T) != typeof(long) && FitsInLong(numerators, denominator))
        {
            // 64-bit division and sorting are several times faster than 128-bit; same integers, same result.
            var narrow = new long[count];
            for (var i = 0; i < count; i++)
            {
                narrow[i] = long.CreateTruncating(numerators[i]);
            }

            return Allocate(total, narrow, long.CreateTruncating(denominator), memberIds);
        }

        var remainders = new T[count];
        long floors = 0;
        for (var i = 0; i < count; i++)
        {
            (var quotient, remainders[i]) = T.DivRem(numerators[i], denominator);
            result[i] = long.CreateChecked(quotient);
            floors = checked(floors + result[i]);
        }

        var extra = total - floors;
        if (extra < 0 || extra > count)
        {
            throw new InvalidOperationException($"Shares of {total} floor to {floors}; the exact shares do not add up to the total.");
        }

        if (extra == 0)
        {
            return result;
        }

        // The members are in member-id order, so ties go to the lower index. Find the smallest
        // remainder that still earns a fen, then hand the fen out in index order: O(n log n) on
        // the remainders alone, without a comparison delegate.
        var ranked = (T[])remainders.Clone();
        Array.Sort(ranked);
        var threshold = ranked[count - extra];
        long atThreshold = extra;
        for (var i = count - 1; i >= 0 && ranked[i] > threshold; i--)
        {
            atThreshold--;
        }

        for (var i = 0; i < count; i++)
        {
            if (remainders[i] > threshold || (remainders[i] == threshold && atThreshold-- > 0))
            {
                result[i]++;
            }
        }

        return result;
    }

    private static bool FitsInLong<T>(IReadOnlyList<T> numerators, T denominator)
        where T : IBinaryInteger<T>
    {
        var max = T.CreateTruncating(long.MaxValue);
        if (denominator > max)
        {
            return false;
        }

        for (var i = 0; i < numerators.Count; i++)
        {
            if (numerators[i] > max || T.IsNegative(numerators[i]))
            {
                return false;
            }
        }

        return true;
    }
}
