using System.Text.RegularExpressions;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;
using YearFigures = Platform.Scoring.Ledger.YearFigures;
using YearMovements = Platform.Scoring.Ledger.YearMovements;

namespace Platform.ScoringTests;

/// <summary>The year (issue 18, part 6): the 十佳 ranking and a household's yearly statement.</summary>
public sealed class YearTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private YearReports.YearReportsClient Year => new(host.App.Channel);

    [Fact]
    public async Task The_ranking_counts_awards_of_the_year_only_and_breaks_ties_by_fewer_deductions_then_number()
    {
        await PostAsync(
            ("006", "SIMPLE-CEREMONY", "2026-11"), ("004", "SIMPLE-CEREMONY", "2026-11"), ("005", "SIMPLE-CEREMONY", "2026-11"),
            ("005", "FIGHTING", "2026-10"), ("001", "DISASTER-DUTY", "2026-11"), ("002", "DISASTER-DUTY", "2026-11"),
            ("003", "SIMPLE-CEREMONY", "2025-12"));
        // Spending never lowers what was earned; an award reversed was never earned.
        await host.Ledger.SpendAsync(new SpendRequest { SpendId = "spend-1", Household = ScoringHost.Household("001"), Points = 10, Actor = "counter 1" });
        var reversible = (await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("002") })).Entries.Single();
        await host.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = host.Key(), EntryId = reversible.Id, Actor = "m1", Reason = "posted in error" });

        var ranking = await Year.GetYearRankingAsync(new GetYearRankingRequest { VillageCode = ScoringHost.Village, Year = 2026 });

        Assert.Equal(
            [(1, "004", 30L, 0L), (2, "006", 30L, 0L), (3, "005", 30L, 20L), (4, "001", 15L, 0L)],
            ranking.Households.Select(h => (h.Rank, h.HouseholdNumber, h.Earned, h.Deducted)));
        Assert.Equal("Chen Guiying", ranking.Households[0].HeadName);
        var top2 = await Year.GetYearRankingAsync(new GetYearRankingRequest { VillageCode = ScoringHost.Village, Year = 2026, Top = 2 });
        Assert.Equal(["004", "006"], top2.Households.Select(h => h.HouseholdNumber));
        var lastYear = await Year.GetYearRankingAsync(new GetYearRankingRequest { VillageCode = ScoringHost.Village, Year = 2025 });
        Assert.Equal(["003"], lastYear.Households.Select(h => h.HouseholdNumber));
    }

    [Fact]
    public async Task The_statement_adds_up_to_the_ledger()
    {
        await PostAsync(("004", "TIDY-HOME", "2025-12"), ("004", "SIMPLE-CEREMONY", "2026-11"), ("004", "FIGHTING", "2026-11"));
        await host.Ledger.SpendAsync(new SpendRequest { SpendId = "spend-1", Household = ScoringHost.Household("004"), Points = 5, Actor = "counter 1" });
        await host.Households.SplitHouseholdAsync(new SplitHouseholdRequest
        {
            IdempotencyKey = host.Key(), Source = ScoringHost.Household("004"), PointsToMove = 3, Actor = "clerk Zhou",
            NewHousehold = new NewHousehold { HouseholdNumber = "009", HeadName = "Chen Hao", MemberCount = 1 },
        });
        var fight = (await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household("004") })).Entries
            .Single(e => e.Kind == EntryKind.Deduction);
        await host.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = host.Key(), EntryId = fight.Id, Actor = "clerk Zhou", Reason = "he was defending himself" });

        var statement = await Year.GetYearStatementAsync(new GetYearStatementRequest { Household = ScoringHost.Household("004"), Year = 2026 });

        Assert.Equal(10, statement.OpeningBalance);
        Assert.Equal(30, statement.Totals.Awarded);
        Assert.Equal(20, statement.Totals.Deducted);
        Assert.Equal(5, statement.Totals.Spent);
        Assert.Equal(3, statement.Totals.MovedOut);
        Assert.Equal(20, statement.Totals.Reversed);
        Assert.Equal(0, statement.Totals.MovedIn);
        Assert.Empty(statement.Totals.Other);
        var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
        Assert.Equal(balance.Balance_, statement.ClosingBalance);
        Assert.Equal(32, statement.ClosingBalance);
        Assert.Equal(5, statement.Entries.Count);
        Assert.Equal(statement.ClosingBalance - statement.OpeningBalance, statement.Entries.Sum(e => e.Points));
        Assert.Equal(12, statement.Months.Count);
        Assert.All(statement.Months.Take(10), m => Assert.Equal((10L, 10L), (m.OpeningBalance, m.ClosingBalance)));
        var november = statement.Months[10];
        Assert.Equal(("2026-11", 10L, 32L), (november.Period, november.OpeningBalance, november.ClosingBalance));
        Assert.Equal(30, november.Movements.Awarded);
        Assert.Equal((32L, 32L), (statement.Months[11].OpeningBalance, statement.Months[11].ClosingBalance));
        for (var i = 1; i < 12; i++)
        {
            Assert.Equal(statement.Months[i - 1].ClosingBalance, statement.Months[i].OpeningBalance);
        }

        var last = await Year.GetYearStatementAsync(new GetYearStatementRequest { Household = ScoringHost.Household("004"), Year = 2025 });
        Assert.Equal((0L, 10L, 10L), (last.OpeningBalance, last.Totals.Awarded, last.ClosingBalance));
        var split = await Year.GetYearStatementAsync(new GetYearStatementRequest { Household = ScoringHost.Household("009"), Year = 2026 });
        Assert.Equal((3L, 3L), (split.Totals.MovedIn, split.ClosingBalance));
    }

    [Fact]
    public async Task The_ranking_is_one_grouped_query()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        var sql = scope.ServiceProvider.GetRequiredService<YearFigures>().RankingQuery("V1", "2026-01", "2026-12", 10).ToQueryString();

        Assert.Single(Regex.Matches(sql, "GROUP BY"));
        Assert.Single(Regex.Matches(sql, "LIMIT"));
    }

    [Fact]
    public void A_kind_the_statement_does_not_know_is_reported_as_other_by_kind()
    {
        var lines = new Movements();
        YearMovements.Add(lines, EntryKindOf(99), -4);
        YearMovements.Add(lines, EntryKindOf(99), -1);
        YearMovements.Add(lines, Platform.Scoring.Ledger.EntryKind.Award, 10);

        Assert.Equal("kind 99", lines.Other.Single().Kind);
        Assert.Equal(-5, lines.Other.Single().Points);
        Assert.Equal(5, YearMovements.Net(lines));
    }

    [Fact]
    public async Task Bad_years_and_tops_are_refused()
    {
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "YEAR_INVALID",
            () => Year.GetYearRankingAsync(new GetYearRankingRequest { VillageCode = ScoringHost.Village, Year = 2027 }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "YEAR_INVALID",
            () => Year.GetYearStatementAsync(new GetYearStatementRequest { Household = ScoringHost.Household("004"), Year = 1999 }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.InvalidArgument, "TOP_INVALID",
            () => Year.GetYearRankingAsync(new GetYearRankingRequest { VillageCode = ScoringHost.Village, Year = 2026, Top = 101 }).ResponseAsync);
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND",
            () => Year.GetYearRankingAsync(new GetYearRankingRequest { VillageCode = "NOPE", Year = 2026 }).ResponseAsync);
    }

    private static Platform.Scoring.Ledger.EntryKind EntryKindOf(int value) => (Platform.Scoring.Ledger.EntryKind)value;

    /// <summary>Proposes each (household, rule, period), approves by two members not of the household, posts.</summary>
    private async Task PostAsync(params (string Household, string Rule, string Period)[] lines)
    {
        foreach (var (household, rule, period) in lines)
        {
            var proposal = await host.Awards.ProposeAsync(new ProposeRequest
            {
                IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, HouseholdNumber = household, RuleCode = rule, ProposedBy = "m1", Period = period,
            });
            foreach (var member in new[] { "m1", "m2", "m3" }.Where(m => m != $"m{int.Parse(household)}").Take(2))
            {
                await host.Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = host.Key(), ProposalId = proposal.Id, MemberId = member });
            }
        }

        host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        Assert.Equal(lines.Length, (await host.Awards.PostDueAsync(new PostDueRequest { VillageCode = ScoringHost.Village })).Posted);
    }
}
