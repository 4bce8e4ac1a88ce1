using Platform.Contracts.Events;
using Platform.Scoring.Awards;
using Platform.Scoring.Households;
using Platform.Scoring.Leaderboards;
using Platform.Scoring.Ledger;
using Platform.Scoring.Panels;
using Platform.Scoring.Rules;
using Platform.ServiceDefaults.Errors;
using Xunit;
using Api = Platform.Contracts.Scoring.V1;

namespace Platform.ScoringTests;

/// <summary>The rules of Scoring that need no server.</summary>
public sealed class RuleTests
{
    private static readonly DateTime Nov10 = new(2026, 11, 10, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 3, 2)]
    [InlineData(0, 4, 3)]
    [InlineData(0, 5, 3)]
    [InlineData(2, 5, 2)]
    [InlineData(9, 5, 5)]
    [InlineData(0, 0, 1)]
    public void The_quorum_is_a_majority_unless_configured_and_never_more_than_the_panel(int configured, int panel, int needed)
    {
        Assert.Equal(needed, Quorum.Needed(configured, panel));
    }

    private static Rule Version(int version, DateTime from, DateTime? to = null, long points = 10) => new()
    {
        VillageCode = "V1", Code = "TIDY-HOME", Version = version, Name = "Tidy home", Points = points,
        EffectiveFrom = from, EffectiveTo = to, DefinedBy = "m1",
    };

    [Fact]
    public void The_newest_version_already_effective_governs()
    {
        var versions = new[] { Version(1, Nov10.AddYears(-1)), Version(2, Nov10.AddDays(-1), points: 12), Version(3, Nov10.AddDays(5), points: 15) };

        Assert.Equal(2, RuleCatalogue.Pick(versions, Nov10)!.Version);
        Assert.Equal(3, RuleCatalogue.Pick(versions, Nov10.AddDays(6))!.Version);
        Assert.Equal(1, RuleCatalogue.Pick(versions, Nov10.AddDays(-2))!.Version);
    }

    [Fact]
    public void A_retired_rule_never_falls_back_to_an_older_version()
    {
        var versions = new[] { Version(1, Nov10.AddYears(-1)), Version(2, Nov10.AddDays(-1), to: Nov10.AddDays(1)) };

        Assert.NotNull(RuleCatalogue.Pick(versions, Nov10));
        Assert.Null(RuleCatalogue.Pick(versions, Nov10.AddDays(2)));
    }

    [Theory]
    [InlineData("2026-11", "2026-11")]
    [InlineData(" 2026-03 ", "2026-03")]
    [InlineData("", "2026-11")]
    public void A_period_is_a_month(string text, string expected)
    {
        Assert.Equal(expected, Period.Parse(text, Nov10));
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("11/2026")]
    [InlineData("1999-12")]
    public void A_malformed_period_is_refused(string text)
    {
        Assert.Equal("PERIOD_INVALID", Assert.Throws<DomainException>(() => Period.Parse(text, Nov10)).Reason);
    }

    [Fact]
    public void Scoring_a_future_month_is_refused()
    {
        Assert.Equal("PERIOD_IN_FUTURE", Assert.Throws<DomainException>(() => ProposalInput.PeriodNotAfter("2026-12", Nov10)).Reason);
        Assert.Equal("2026-10", ProposalInput.PeriodNotAfter("2026-10", Nov10));
    }

    [Fact]
    public void Evidence_is_required_only_where_the_rule_says_so()
    {
        var plain = Version(1, Nov10);
        var strict = Version(1, Nov10);
        strict.EvidenceRequired = true;

        Assert.Null(ProposalInput.Evidence(plain, "  ", "evidence_ref"));
        Assert.Equal("photo 12", ProposalInput.Evidence(strict, " photo 12 ", "evidence_ref"));
        Assert.Equal("EVIDENCE_REQUIRED", Assert.Throws<DomainException>(() => ProposalInput.Evidence(strict, "", "evidence_ref")).Reason);
    }

    [Fact]
    public void Every_bad_row_of_a_household_batch_is_named()
    {
        var rows = new List<Api.NewHousehold>
        {
            new() { HouseholdNumber = "001", HeadName = "Ma Lan", MemberCount = 3 },
            new() { HouseholdNumber = "bad number", HeadName = "Ma Jun", MemberCount = 3 },
            new() { HouseholdNumber = "001", HeadName = "Ma Lan", MemberCount = 3 },
            new() { HouseholdNumber = "009", HeadName = "Ma Ping", MemberCount = 2 },
            new() { HouseholdNumber = "010", HeadName = "Ma Qing", MemberCount = 51 },
        };

        var violations = HouseholdInput.Check(rows, HouseholdInput.Taken.Nothing with { Numbers = new HashSet<string> { "009" } }, new DateOnly(2026, 11, 10));

        Assert.Equal(
            ["households[1].household_number", "households[2].household_number", "households[3].household_number", "households[4].member_count"],
            violations.Select(v => v.Field));
        Assert.Contains("first in row 1", violations[1].Description);
    }

    [Fact]
    public void Awards_raise_the_red_list_deductions_the_black_list_and_reversals_take_back_from_the_right_one()
    {
        var scores = LeaderboardScores.From("V1",
        [
            new PostedEntry(1, "001", "Award", 30, "SIMPLE-CEREMONY", "2026-11"),
            new PostedEntry(2, "002", "Deduction", -20, "FIGHTING", "2026-11"),
            new PostedEntry(3, "001", "Reversal", -30, "SIMPLE-CEREMONY", "2026-10"),
            new PostedEntry(4, "002", "Reversal", 20, "FIGHTING", "2026-11"),
            new PostedEntry(5, "003", "TransferIn", 5, null, "2026-11"),
        ]).ToList();

        Assert.Equal(
            [
                new LeaderboardScore("V1", "2026-11", LeaderboardKind.Red, "001", 30),
                new LeaderboardScore("V1", "2026-11", LeaderboardKind.Black, "002", 20),
                new LeaderboardScore("V1", "2026-10", LeaderboardKind.Red, "001", -30),
                new LeaderboardScore("V1", "2026-11", LeaderboardKind.Black, "002", -20),
            ],
            scores);
    }

    [Fact]
    public async Task The_in_memory_leaderboard_applies_an_event_once()
    {
        var store = new InMemoryLeaderboardStore();
        var id = Guid.NewGuid();
        LeaderboardScore[] scores = [new("V1", "2026-11", LeaderboardKind.Red, "001", 30)];

        await store.ApplyAsync(id, scores);
        await store.ApplyAsync(id, scores);

        Assert.Equal([("001", 30L)], await store.TopAsync("V1", "2026-11", LeaderboardKind.Red, 10));
    }
}
