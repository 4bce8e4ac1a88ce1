using System.Numerics;

namespace Platform.Dividends.Allocation;

/// <summary>
/// Hamilton's largest-remainder method on exact rationals: member i's exact share is
/// numerators[i] / denominator; each gets the floor of it, and the fen left of the total go
/// one each to the largest remainders, ties to the lower member id. So the parts add up to
/// the total and none is a fen or more from its exact share.
/// </summary>
public static class LargestRemainder
{
    public static long[] Allocate(long total, IReadOnlyList<BigInteger> numerators, BigInteger denominator, IReadOnlyList<long> memberIds)
    {
        var count = numerators.Count;
        var result = new long[count];
        if (total == 0 || count == 0)
        {
            return result;
        }

        var remainders = new BigInteger[count];
        long floors = 0;
        for (var i = 0; i < count; i++)
        {
            var quotient = BigInteger.DivRem(numerators[i], denominator, out remainders[i]);
            result[i] = (long)quotient;
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

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byRemainder = remainders[b].CompareTo(remainders[a]);
            return byRemainder != 0 ? byRemainder : memberIds[a].CompareTo(memberIds[b]);
        });
        for (var k = 0; k < extra; k++)
        {
            result[order[k]]++;
        }

        return result;
    }
}
