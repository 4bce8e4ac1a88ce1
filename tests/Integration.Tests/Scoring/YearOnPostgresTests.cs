using Npgsql;
using Platform.Contracts.Scoring.V1;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// The year's ranking and statement on PostgreSQL: the ranking is one grouped query there, over a
/// village's ledger seeded straight into the database (awards, deductions, reversals, spends, and
/// entries of the year before), checked against figures computed here from the same pattern.
/// </summary>
public sealed class YearOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private const int Households = 60;

    [Fact]
    public async Task The_ranking_and_a_statement_match_the_ledger()
    {
        await SeedAsync();
        var expected = Enumerable.Range(1, Households)
            .Select(h => (Number: $"Y{h:D3}", Earned: Earned(h), Deducted: h % 3 == 0 ? 20L : 0L))
            .Where(x => x.Earned > 0)
            .OrderByDescending(x => x.Earned).ThenBy(x => x.Deducted).ThenBy(x => x.Number, StringComparer.Ordinal)
            .Take(10).ToList();

        var ranking = await new YearReports.YearReportsClient(scoring.App.Channel)
            .GetYearRankingAsync(new GetYearRankingRequest { VillageCode = scoring.Village, Year = 2026 });

        Assert.Equal(expected, ranking.Households.Select(h => (h.HouseholdNumber, h.Earned, h.Deducted)));
        Assert.Equal(Enumerable.Range(1, 10), ranking.Households.Select(h => h.Rank));

        var statement = await new YearReports.YearReportsClient(scoring.App.Channel).GetYearStatementAsync(new GetYearStatementRequest
        {
            Household = new HouseholdRef { VillageCode = scoring.Village, HouseholdNumber = "Y012" }, Year = 2026,
        });
        Assert.Equal(7, statement.OpeningBalance);
        Assert.Equal(Earned(12) + (12 % 7 == 0 ? 10 : 0), statement.Totals.Awarded);
        Assert.Equal(20, statement.Totals.Deducted);
        Assert.Equal(4, statement.Totals.Spent);
        Assert.Equal(7 + Earned(12) - 20 - 4, statement.ClosingBalance);
        Assert.Equal(statement.ClosingBalance - statement.OpeningBalance, statement.Entries.Sum(e => e.Points));
        Assert.Equal(statement.ClosingBalance, statement.Months[^1].ClosingBalance);
    }

    // Awards of 10 × (h mod 5) in March and 5 in June for every third household; the award of
    // every seventh household's March is reversed.
    private static long Earned(int h) => (h % 7 == 0 ? 0 : 10L * (h % 5)) + (h % 3 == 0 ? 5 : 0);

    private async Task SeedAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT @village, 'Y' || lpad(h::text, 3, '0'), 'Head ' || h, 3, false, false, false, 1, now(), 'test'
            FROM generate_series(1, {Households}) h;
            CREATE TEMP TABLE seed_households AS
                SELECT id, village_code, substr(number, 2)::int AS h FROM households WHERE village_code = @village AND number LIKE 'Y%';
            INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period)
            SELECT id, village_code, 1, 7, 'test', '2025-12-20'::timestamptz, 'last year', 'seed-old-' || h, '2025-12' FROM seed_households
            UNION ALL
            SELECT id, village_code, 1, 10 * (h % 5), 'test', '2026-03-31'::timestamptz, 'march', 'seed-mar-' || h, '2026-03' FROM seed_households WHERE h % 5 <> 0
            UNION ALL
            SELECT id, village_code, 1, 5, 'test', '2026-06-30'::timestamptz, 'june', 'seed-jun-' || h, '2026-06' FROM seed_households WHERE h % 3 = 0
            UNION ALL
            SELECT id, village_code, 2, -20, 'test', '2026-07-31'::timestamptz, 'fighting', 'seed-jul-' || h, '2026-07' FROM seed_households WHERE h % 3 = 0
            UNION ALL
            SELECT id, village_code, 4, -4, 'counter', '2026-08-15'::timestamptz, 'spent', 'seed-aug-' || h, '2026-08' FROM seed_households;
            INSERT INTO ledger_entries (household_id, village_code, kind, points, actor, at, reason, request_id, period, reverses_entry_id)
            SELECT e.household_id, e.village_code, 3, -e.points, 'test', '2026-04-02'::timestamptz, 'reversed', 'seed-rev-' || s.h, '2026-04', e.id
            FROM ledger_entries e JOIN seed_households s ON s.id = e.household_id
            WHERE e.period = '2026-03' AND s.h % 7 = 0;
            """, connection);
        command.Parameters.AddWithValue("village", scoring.Village);
        await command.ExecuteNonQueryAsync();
    }
}
