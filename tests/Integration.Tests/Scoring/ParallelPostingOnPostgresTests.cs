using Npgsql;
using Platform.Contracts.Scoring.V1;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>Scoring on PostgreSQL whose posting job runs up to three transactions side by side.</summary>
public sealed class ScoringPostingInThreeShares : ScoringOnPostgres
{
    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings =>
        [new("Scoring:PostingParallelism", "3")];
}

/// <summary>
/// A job over several villages on PostgreSQL splits them into shares posted side by side, each in
/// its own transaction: every due proposal must still be posted exactly once, each village whole
/// in one transaction, with balances and events as a single transaction would leave them.
/// </summary>
public sealed class ParallelPostingOnPostgresTests(ScoringPostingInThreeShares scoring) : IClassFixture<ScoringPostingInThreeShares>
{
    private const int ProposalsPerHousehold = 7;

    [Fact]
    public async Task A_job_over_many_villages_posts_each_village_whole_in_one_of_several_transactions_and_every_proposal_once()
    {
        var villages = await RegisterVillagesAsync("A", 5);
        // Uneven villages: 10, 20, 30, 40 and 50 households, so the shares must be balanced.
        for (var i = 0; i < villages.Count; i++)
        {
            await SeedDueAsync(villages[i], households: 10 * (i + 1), round: 1);
        }

        var due = villages.Select((_, i) => 10 * (i + 1) * ProposalsPerHousehold).Sum();
        var result = await scoring.Awards.PostDueAsync(new PostDueRequest());

        Assert.Equal(due, result.Posted);
        Assert.Equal(await DuePointsAsync(villages, round: 1), result.Points);
        var byVillage = await PostedByVillageAsync(villages);
        for (var i = 0; i < villages.Count; i++)
        {
            var v = byVillage[villages[i]];
            Assert.Equal(10 * (i + 1) * ProposalsPerHousehold, v.Entries);
            Assert.Equal(v.Entries, v.DistinctProposals);
            Assert.Equal(1, v.Transactions);
            Assert.Equal(v.Entries, v.CarriedByEvents);
            Assert.Equal(v.Points, v.Balances);
        }

        // Five villages over three shares: three transactions, none of them empty.
        Assert.Equal(3, byVillage.Values.Select(v => v.Transaction).Distinct().Count());
        Assert.Equal(0, await OnBoardAsync(villages));
        Assert.Equal(0, (await scoring.Awards.PostDueAsync(new PostDueRequest())).Posted);
    }

    [Fact]
    public async Task Two_jobs_at_once_post_every_proposal_exactly_once_between_them()
    {
        var villages = await RegisterVillagesAsync("B", 4);
        for (var i = 0; i < villages.Count; i++)
        {
            await SeedDueAsync(villages[i], households: 15, round: 2);
        }

        var jobs = await Task.WhenAll(
            scoring.Awards.PostDueAsync(new PostDueRequest()).ResponseAsync,
            scoring.Awards.PostDueAsync(new PostDueRequest()).ResponseAsync);

        Assert.Equal(villages.Count * 15 * ProposalsPerHousehold, jobs.Sum(j => j.Posted));
        Assert.Equal(await DuePointsAsync(villages, round: 2), jobs.Sum(j => j.Points));
        var byVillage = await PostedByVillageAsync(villages);
        Assert.All(byVillage.Values, v => Assert.Equal(15 * ProposalsPerHousehold, v.DistinctProposals));
        Assert.All(byVillage.Values, v => Assert.Equal(v.DistinctProposals, v.Entries));
        Assert.All(byVillage.Values, v => Assert.Equal(v.Points, v.Balances));
        Assert.Equal(0, await OnBoardAsync(villages));
    }

    private async Task<List<string>> RegisterVillagesAsync(string tag, int count)
    {
        var villages = new List<string>();
        for (var i = 1; i <= count; i++)
        {
            var code = $"{scoring.Village}-{tag}{i}";
            await new Villages.VillagesClient(scoring.App.Channel).RegisterVillageAsync(new RegisterVillageRequest
            {
                IdempotencyKey = $"village-{code}", Code = code, Name = $"Village {tag}{i}", Township = "Hexi Township", County = "Anle County",
            });
            villages.Add(code);
        }

        return villages;
    }

    /// <summary>Households with accounts, and proposals whose notice closed, on the board (as an approved sheet leaves them).</summary>
    private async Task SeedDueAsync(string village, int households, int round)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT @village, lpad(h::text, 3, '0'), 'Head ' || h, 3, false, false, false, 1, now(), 'test'
            FROM generate_series(1, {households}) h;
            INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
            SELECT id, village_code, 0, 0, 0, 0, 0 FROM households WHERE village_code = @village;
            INSERT INTO proposals (village_code, household_id, rule_code, rule_version, points, note, proposed_by, proposed_at, period, status, notice_ends_at, request_id)
            SELECT h.village_code, h.id, CASE WHEN k = 3 THEN 'FIGHTING' ELSE 'TIDY-HOME' END, 1, CASE WHEN k = 3 THEN -20 ELSE 10 + h.id % 5 END,
                   'month-end sheet', 'p1', '2026-10-28', '2026-10', {(int)Platform.Scoring.Awards.ProposalStatus.OnNotice}, '2026-11-01', 'r{round}-' || h.id || '-' || k
            FROM households h CROSS JOIN generate_series(1, {ProposalsPerHousehold}) k
            WHERE h.village_code = @village;
            INSERT INTO notice_board (proposal_id, village_code, notice_ends_at)
            SELECT id, village_code, notice_ends_at FROM proposals WHERE village_code = @village AND request_id LIKE 'r{round}-%';
            """, connection);
        command.Parameters.AddWithValue("village", village);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> DuePointsAsync(List<string> villages, int round)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT coalesce(sum(points), 0)::bigint FROM proposals WHERE village_code = ANY(@villages) AND request_id LIKE 'r{round}-%'", connection);
        command.Parameters.AddWithValue("villages", villages.ToArray());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<int> OnBoardAsync(List<string> villages)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM notice_board WHERE village_code = ANY(@villages)", connection);
        command.Parameters.AddWithValue("villages", villages.ToArray());
        return (int)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Posted(int Entries, int DistinctProposals, long Points, long Balances, int Transactions, string Transaction, int CarriedByEvents);

    /// <summary>
    /// Per village: its proposal entries, the proposals they name, their points, the village's
    /// balances, the transactions that wrote the entries (xmin), and the entries its points-posted
    /// events carry.
    /// </summary>
    private async Task<Dictionary<string, Posted>> PostedByVillageAsync(List<string> villages)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT v.code,
                   (SELECT count(*)::int FROM ledger_entries e WHERE e.village_code = v.code AND e.proposal_id IS NOT NULL),
                   (SELECT count(DISTINCT e.proposal_id)::int FROM ledger_entries e WHERE e.village_code = v.code),
                   (SELECT coalesce(sum(e.points), 0)::bigint FROM ledger_entries e WHERE e.village_code = v.code AND e.proposal_id IS NOT NULL),
                   (SELECT coalesce(sum(a.balance), 0)::bigint FROM accounts a WHERE a.village_code = v.code),
                   (SELECT count(DISTINCT e.xmin::text)::int FROM ledger_entries e WHERE e.village_code = v.code AND e.proposal_id IS NOT NULL),
                   (SELECT min(e.xmin::text) FROM ledger_entries e WHERE e.village_code = v.code AND e.proposal_id IS NOT NULL),
                   (SELECT coalesce(sum(json_array_length(o.payload::json -> 'entries')), 0)::int FROM outbox_messages o
                    WHERE o.type LIKE 'Platform.Contracts.Events.PointsPosted,%' AND o.payload::json ->> 'villageCode' = v.code)
            FROM unnest(@villages) AS v(code)
            """, connection);
        command.Parameters.AddWithValue("villages", villages.ToArray());
        var posted = new Dictionary<string, Posted>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            posted[reader.GetString(0)] = new Posted(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt32(5), reader.IsDBNull(6) ? "" : reader.GetString(6), reader.GetInt32(7));
        }

        return posted;
    }
}
