using Platform.Dividends.Allocation;
using Xunit;

namespace Platform.Dividends.Tests.Allocation;

/// <summary>Figures whose products overflow 128 bits are still divided exactly (the BigInteger path).</summary>
public sealed class LargeFigureTests
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    [Fact]
    public void Holdings_too_large_for_int128_products_are_still_divided_exactly()
    {
        var policy = new AllocationPolicy
        {
            PreferredGuaranteeBp = 10_000,
            ClassWeights = new Dictionary<ShareClass, int> { [ShareClass.Capital] = 1_000_000 },
        };
        var members = new[]
        {
            new MemberInput(1, [new HeldShares(ShareClass.Capital, long.MaxValue, From, null)], long.MaxValue),
            new MemberInput(2, [new HeldShares(ShareClass.Capital, long.MaxValue / 2, From, null)], 0),
            new MemberInput(3, [new HeldShares(ShareClass.PovertyReliefPreferred, long.MaxValue, From, null)], 0),
        };

        var result = DividendAllocator.Allocate(new DistributionFigures(From, To, long.MaxValue, 0, 0, 0), policy, members);

        // The guarantee (100% of long.MaxValue a year) exceeds the pool, so member 3 takes it all, pro rata alone.
        Assert.Equal(long.MaxValue, result.Members[2].GuaranteedFen);
        Assert.Equal(0, result.Members[0].TotalFen + result.Members[1].TotalFen);
        Assert.Equal(result.DistributableFen, result.ReserveFen + result.WelfareFen + result.RetainedFen + result.AllocatedFen);
    }

    [Fact]
    public void Shares_too_large_for_int128_products_split_in_proportion()
    {
        var policy = new AllocationPolicy { ClassWeights = new Dictionary<ShareClass, int> { [ShareClass.Capital] = 1_000_000 } };
        var members = new[]
        {
            new MemberInput(1, [new HeldShares(ShareClass.Capital, 2 * (long.MaxValue / 3), From, null)], 0),
            new MemberInput(2, [new HeldShares(ShareClass.Capital, long.MaxValue / 3, From, null)], 0),
        };

        var result = DividendAllocator.Allocate(new DistributionFigures(From, To, 3_000_000_001, 0, 0, 0), policy, members);

        Assert.Equal([2_000_000_001L, 1_000_000_000L], result.Members.Select(m => m.SharesFen));
    }
}
