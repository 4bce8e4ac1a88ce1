using System.Numerics;
using CsCheck;
using Platform.Dividends.Allocation;
using Xunit;

namespace Platform.Dividends.Tests.Allocation;

/// <summary>Properties of the allocator over random cooperatives, policies and years.</summary>
public sealed class AllocatorProperties
{
    private static readonly DateOnly From = new(2024, 1, 1);
    private static readonly DateOnly To = new(2024, 12, 31);

    private static readonly Gen<HeldShares> GenHolding =
        Gen.Select(Gen.Enum<ShareClass>(), Gen.Long[0, 10_000_000], Gen.Int[0, 365], Gen.Int[0, 400],
            (cls, qty, start, length) => new HeldShares(cls, qty, From.AddDays(start),
                length >= 380 ? null : From.AddDays(start + length)));

    private static readonly Gen<MemberInput[]> GenMembers =
        Gen.Select(GenHolding.Array[0, 4], Gen.Long[0, 5_000_000]).Array[1, 30]
            .Select(ms => ms.Select((m, i) => new MemberInput(i * 7 + 3, m.Item1, m.Item2)).ToArray());

    private static readonly Gen<AllocationPolicy> GenPolicy =
        Gen.Select(Gen.Int[0, 5_000], Gen.Int[0, 5_000], Gen.Int[0, 2_000], Gen.Int[0, 10_000], Gen.Int[0, 5].Array[6], Gen.Bool,
            Gen.Select(Gen.Bool, Gen.Long[0, 100_000_000], Gen.Int[0, 10_000]),
            (reserve, welfare, guarantee, patronage, weights, joins, cap) => new AllocationPolicy
            {
                ReserveBp = reserve,
                WelfareBp = welfare,
                PreferredGuaranteeBp = guarantee,
                PatronageBp = patronage,
                PreferredJoinsProRata = joins,
                CapThresholdFen = cap.Item1 ? cap.Item2 : null,
                CapBp = cap.Item3,
                ClassWeights = Enum.GetValues<ShareClass>().ToDictionary(c => c, c => weights[(int)c - 1]),
            });

    private static readonly Gen<DistributionFigures> GenFigures =
        Gen.Select(Gen.Long[0, 1_000_000_000], Gen.Long[0, 200_000_000], Gen.Long[0, 10_000_000],
            (income, expenses, forward) => new DistributionFigures(From, To, income, expenses, forward, 0));

    private static readonly Gen<(DistributionFigures, AllocationPolicy, MemberInput[])> GenCase =
        Gen.Select(GenFigures, GenPolicy, GenMembers);

    [Fact]
    public void Funds_retained_and_allocations_add_up_to_the_distributable_exactly() =>
        GenCase.Sample((figures, policy, members) =>
        {
            var r = DividendAllocator.Allocate(figures, policy, members);
            return r.ReserveFen + r.WelfareFen + r.RetainedFen + r.AllocatedFen == r.DistributableFen
                && r.Members.All(m => m.GuaranteedFen >= 0 && m.PatronageFen >= 0 && m.SharesFen >= 0);
        });

    [Fact]
    public void Each_members_part_is_within_one_fen_of_its_exact_share() =>
        GenCase.Sample((figures, policy, members) =>
        {
            var r = DividendAllocator.Allocate(figures, policy, members);
            return WithinOneFen(r, members, m => m.PatronageFen, policy, figures, patronage: true)
                && WithinOneFen(r, members, m => m.SharesFen, policy, figures, patronage: false);
        });

    [Fact]
    public void Guarantees_are_paid_first_and_share_the_pool_pro_rata_when_it_cannot_cover_them() =>
        GenCase.Sample((figures, policy, members) =>
        {
            var r = DividendAllocator.Allocate(figures, policy, members);
            var owed = members.ToDictionary(m => m.MemberId, m => Owed(m, policy));
            var totalOwed = owed.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
            var guaranteed = r.Members.Sum(m => m.GuaranteedFen);
            var rest = r.Members.Sum(m => m.PatronageFen + m.SharesFen);
            var denominator = (BigInteger)10_000 * HoldingDays.YearDaysDenominator;
            if (r.DistributableFen == 0 || totalOwed.IsZero)
            {
                return guaranteed == 0;
            }

            if (totalOwed >= (BigInteger)(guaranteed + rest) * denominator && rest == 0)
            {
                // Pro rata: each within a fen of pool × owed / total owed.
                return r.Members.All(m => BigInteger.Abs(m.GuaranteedFen * totalOwed - guaranteed * owed[m.MemberId]) < totalOwed);
            }

            return r.Members.All(m => BigInteger.Abs(m.GuaranteedFen * denominator - owed[m.MemberId]) < denominator);
        });

    [Fact]
    public void A_member_with_more_holdings_never_gets_less_all_else_equal() =>
        Gen.Select(GenCase, Gen.Long[1, 5_000_000], Gen.Enum<ShareClass>().Where(c => c != ShareClass.PovertyReliefPreferred))
            .Sample((c, extra, cls) =>
            {
                var (figures, policy, members) = c;
                var before = DividendAllocator.Allocate(figures, policy, members);
                var richer = members.ToArray();
                richer[0] = richer[0] with { Holdings = [.. richer[0].Holdings, new HeldShares(cls, extra, From, null)] };
                var after = DividendAllocator.Allocate(figures, policy, richer);
                return after.Members.First(m => m.MemberId == members[0].MemberId).TotalFen
                    >= before.Members.First(m => m.MemberId == members[0].MemberId).TotalFen;
            });

    [Fact]
    public void The_same_draft_gives_the_same_result_whatever_the_order_of_members() =>
        Gen.Select(GenCase, Gen.Int).Sample((c, seed) =>
        {
            var (figures, policy, members) = c;
            var shuffled = members.OrderBy(_ => new Random(seed).Next()).ToArray();
            var first = DividendAllocator.Allocate(figures, policy, members);
            var second = DividendAllocator.Allocate(figures, policy, shuffled);
            return first.Members.SequenceEqual(second.Members) && first with { Members = [] } == second with { Members = [] };
        });

    /// <summary>A farmers' specialised cooperative's policy as SetPolicy admits it: the law's 60% or a statutes' share, and a patronage rate at least that.</summary>
    private static readonly Gen<AllocationPolicy> GenSpecialisedPolicy =
        Gen.Select(GenPolicy, Gen.OneOf(Gen.Const(6_000), Gen.Int[0, 10_000]), Gen.Int[0, 10_000], (policy, floor, extra) => policy with
        {
            PatronageFloorBp = floor,
            PatronageBp = floor + (extra % (10_001 - floor)),
        });

    [Fact]
    public void A_specialised_cooperatives_accepted_draft_returns_at_least_its_share_by_trade_in_whole_fen_with_exact_sums() =>
        Gen.Select(GenFigures, GenSpecialisedPolicy, GenMembers).Sample((figures, policy, members) =>
        {
            AllocationResult r;
            try
            {
                r = DividendAllocator.Allocate(figures, policy, members);
            }
            catch (Platform.ServiceDefaults.Errors.DomainException ex) when (ex.Reason == "PATRONAGE_PART_TOO_SMALL")
            {
                return true;
            }

            var surplus = r.DistributableFen - r.ReserveFen - r.WelfareFen;
            var patronage = r.Members.Sum(m => m.PatronageFen);
            return (BigInteger)patronage * 10_000 >= (BigInteger)surplus * policy.PatronageFloorBp!.Value
                && r.ReserveFen + r.WelfareFen + r.RetainedFen + r.AllocatedFen == r.DistributableFen
                && r.Members.All(m => m.GuaranteedFen >= 0 && m.PatronageFen >= 0 && m.SharesFen >= 0);
        });

    [Fact]
    public void A_specialised_cooperatives_draft_is_refused_exactly_when_guarantees_and_cap_leave_trade_less_than_its_share() =>
        Gen.Select(GenFigures, GenSpecialisedPolicy, GenMembers).Sample((figures, policy, members) =>
        {
            // The same cooperative without the rule: what the guarantees and the cap leave, and what trade would get of it rounded up.
            var plain = DividendAllocator.Allocate(figures, policy with { PatronageFloorBp = null, PatronageBp = 10_000 }, members);
            var surplus = plain.DistributableFen - plain.ReserveFen - plain.WelfareFen;
            var rest = plain.Members.Sum(m => m.PatronageFen);
            var anyTrade = members.Any(m => m.PatronageFen > 0);
            var patronage = anyTrade ? Ceiling((BigInteger)rest * policy.PatronageBp, 10_000) : BigInteger.Zero;
            var minimum = Ceiling((BigInteger)surplus * policy.PatronageFloorBp!.Value, 10_000);
            try
            {
                var r = DividendAllocator.Allocate(figures, policy, members);
                return patronage >= minimum && r.Members.Sum(m => m.PatronageFen) == patronage;
            }
            catch (Platform.ServiceDefaults.Errors.DomainException ex) when (ex.Reason == "PATRONAGE_PART_TOO_SMALL")
            {
                return patronage < minimum;
            }
        });

    private static BigInteger Ceiling(BigInteger numerator, int denominator) => (numerator + denominator - 1) / denominator;

    private static BigInteger Owed(MemberInput m, AllocationPolicy policy) =>
        m.Holdings.Where(h => h.Class == ShareClass.PovertyReliefPreferred)
            .Aggregate(BigInteger.Zero, (s, h) => s + (BigInteger)h.Quantity * policy.PreferredGuaranteeBp * HoldingDays.YearFraction(h, From, To));

    private static bool WithinOneFen(AllocationResult r, MemberInput[] members, Func<MemberAllocation, long> part,
        AllocationPolicy policy, DistributionFigures figures, bool patronage)
    {
        var total = r.Members.Sum(part);
        var weights = members.ToDictionary(m => m.MemberId, m => patronage
            ? m.PatronageFen
            : m.Holdings.Where(h => h.Class != ShareClass.PovertyReliefPreferred || policy.PreferredJoinsProRata)
                .Aggregate(BigInteger.Zero, (s, h) => s + (BigInteger)h.Quantity * HoldingDays.In(h, figures.PeriodFrom, figures.PeriodTo)
                    * policy.ClassWeights[h.Class]));
        var totalWeight = weights.Values.Aggregate(BigInteger.Zero, (a, b) => a + b);
        return totalWeight.IsZero
            ? total == 0
            : r.Members.All(m => BigInteger.Abs(part(m) * totalWeight - total * weights[m.MemberId]) < totalWeight);
    }
}
