using Platform.Dividends.Allocation;
using Xunit;

namespace Platform.Dividends.Tests.Allocation;

/// <summary>The issue's worked example, with exactly its figures.</summary>
public sealed class WorkedExampleTests
{
    private static readonly DateOnly YearStart = new(2025, 1, 1);
    private static readonly DateOnly YearEnd = new(2025, 12, 31);

    [Fact]
    public void The_worked_example_gives_the_issues_figures_to_the_fen()
    {
        var policy = new AllocationPolicy
        {
            ReserveBp = 1_000,
            WelfareBp = 500,
            PreferredGuaranteeBp = 500,
            PreferredJoinsProRata = false,
            ClassWeights = new Dictionary<ShareClass, int> { [ShareClass.Population] = 1, [ShareClass.PovertyReliefPreferred] = 1 },
        };
        var members = new List<MemberInput>();
        for (var id = 1; id <= 3; id++)
        {
            members.Add(new MemberInput(id, [new HeldShares(ShareClass.PovertyReliefPreferred, 5_000_000, YearStart, null)], 0));
        }

        for (var id = 4; id <= 6; id++)
        {
            members.Add(new MemberInput(id, [new HeldShares(ShareClass.Population, 1, YearStart, null)], 0));
        }

        var result = DividendAllocator.Allocate(new DistributionFigures(YearStart, YearEnd, 10_000_000, 0, 0, 0), policy, members);

        Assert.Equal(10_000_000, result.DistributableFen);
        Assert.Equal(1_000_000, result.ReserveFen);
        Assert.Equal(500_000, result.WelfareFen);
        Assert.Equal(0, result.RetainedFen);
        Assert.All(result.Members.Take(3), m => Assert.Equal(250_000, m.TotalFen));
        Assert.All(result.Members.Take(3), m => Assert.Equal(250_000, m.GuaranteedFen));
        Assert.Equal([2_583_334L, 2_583_333L, 2_583_333L], result.Members.Skip(3).Select(m => m.SharesFen));
    }

    [Fact]
    public void A_loss_distributes_nothing_and_carries_forward()
    {
        var members = new[] { new MemberInput(1, [new HeldShares(ShareClass.Population, 1, YearStart, null)], 0) };

        var result = DividendAllocator.Allocate(new DistributionFigures(YearStart, YearEnd, 100, 300, 50, 0), new AllocationPolicy(), members);

        Assert.Equal(0, result.DistributableFen);
        Assert.Equal(150, result.LossCarriedOutFen);
        Assert.Equal(0, result.AllocatedFen);
    }

    [Fact]
    public void A_cap_retains_what_members_may_not_receive()
    {
        var policy = new AllocationPolicy
        {
            ReserveBp = 1_000,
            CapThresholdFen = 10_000_000,
            CapBp = 6_000,
            ClassWeights = new Dictionary<ShareClass, int> { [ShareClass.Population] = 1 },
        };
        var members = new[] { new MemberInput(1, [new HeldShares(ShareClass.Population, 1, YearStart, null)], 0) };

        var result = DividendAllocator.Allocate(new DistributionFigures(YearStart, YearEnd, 20_000_000, 0, 0, 0), policy, members);

        Assert.Equal(2_000_000, result.ReserveFen);
        Assert.Equal(12_000_000, result.AllocatedFen);
        Assert.Equal(6_000_000, result.RetainedFen);
    }

    [Fact]
    public void Shares_held_half_the_year_count_half_the_share_days()
    {
        var policy = new AllocationPolicy { ClassWeights = new Dictionary<ShareClass, int> { [ShareClass.Land] = 1 } };
        var members = new[]
        {
            new MemberInput(1, [new HeldShares(ShareClass.Land, 100, new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30))], 0),
            new MemberInput(2, [new HeldShares(ShareClass.Land, 100, new DateOnly(2024, 1, 1), null)], 0),
        };

        var result = DividendAllocator.Allocate(
            new DistributionFigures(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31), 366_000, 0, 0, 0), policy, members);

        // 182 of 366 days against 366 of 366: 182/548 and 366/548 of 366,000 fen.
        Assert.Equal(121_555, result.Members[0].SharesFen);
        Assert.Equal(244_445, result.Members[1].SharesFen);
    }

    [Fact]
    public void Rates_above_one_hundred_percent_are_refused()
    {
        var ex = Assert.Throws<Platform.ServiceDefaults.Errors.DomainException>(() => DividendAllocator.Allocate(
            new DistributionFigures(YearStart, YearEnd, 1, 0, 0, 0), new AllocationPolicy { ReserveBp = 10_001 }, []));

        Assert.Equal("RATE_INVALID", ex.Reason);
    }
}
