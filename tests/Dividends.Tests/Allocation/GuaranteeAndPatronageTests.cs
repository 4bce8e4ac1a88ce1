using Platform.Dividends.Allocation;
using Xunit;

namespace Platform.Dividends.Tests.Allocation;

/// <summary>Guarantees come before everything else; patronage is returned by trade.</summary>
public sealed class GuaranteeAndPatronageTests
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    private static readonly AllocationPolicy Policy = new()
    {
        PreferredGuaranteeBp = 500,
        PatronageBp = 6_000,
        ClassWeights = new Dictionary<ShareClass, int> { [ShareClass.Population] = 1 },
    };

    private static MemberInput[] Members() =>
    [
        new(1, [new HeldShares(ShareClass.PovertyReliefPreferred, 2_000_000, From, null)], 0),
        new(2, [new HeldShares(ShareClass.PovertyReliefPreferred, 1_000_000, From, null)], 0),
        new(3, [new HeldShares(ShareClass.Population, 1, From, null)], 300_000),
        new(4, [new HeldShares(ShareClass.Population, 1, From, null)], 100_000),
    ];

    [Fact]
    public void When_the_pool_cannot_cover_the_guarantees_they_share_it_pro_rata_and_nothing_else_is_paid()
    {
        // Guarantees owed: 100,000 and 50,000 fen; only 100,000 fen to distribute.
        var result = DividendAllocator.Allocate(new DistributionFigures(From, To, 100_000, 0, 0, 0), Policy, Members());

        Assert.Equal([66_667L, 33_333L, 0L, 0L], result.Members.Select(m => m.TotalFen));
        Assert.Equal(0, result.Members.Sum(m => m.PatronageFen + m.SharesFen));
    }

    [Fact]
    public void After_the_guarantees_sixty_percent_goes_by_trade_and_the_rest_by_shares()
    {
        // 1,150,000 fen: 150,000 guaranteed, 600,000 by trade (3:1), 400,000 by one share each.
        var result = DividendAllocator.Allocate(new DistributionFigures(From, To, 1_150_000, 0, 0, 0), Policy, Members());

        Assert.Equal([100_000L, 50_000L, 0L, 0L], result.Members.Select(m => m.GuaranteedFen));
        Assert.Equal([0L, 0L, 450_000L, 150_000L], result.Members.Select(m => m.PatronageFen));
        Assert.Equal([0L, 0L, 200_000L, 200_000L], result.Members.Select(m => m.SharesFen));
    }

    [Fact]
    public void A_guarantee_for_half_a_year_is_half_the_yearly_return()
    {
        var members = new[] { new MemberInput(1, [new HeldShares(ShareClass.PovertyReliefPreferred, 3_650_000, From, new DateOnly(2025, 2, 19))], 0) };

        var result = DividendAllocator.Allocate(new DistributionFigures(From, To, 10_000_000, 0, 0, 0), Policy, members);

        // 50 days of 365 at 5% of 36,500.00 yuan = 250.00 yuan.
        Assert.Equal(25_000, result.Members[0].GuaranteedFen);
    }
}
