using System.Text.Json;
using Npgsql;
using Platform.Contracts.Events;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Awards;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// The posting job on PostgreSQL, where one statement claims the proposals, appends the entries,
/// moves the balances and builds the points-posted events in the database: the events must be
/// exactly what the outbox's own serializer would have written for the entries that were posted.
/// </summary>
public sealed class PostingOnPostgresTests(ScoringOnPostgres scoring) : IClassFixture<ScoringOnPostgres>
{
    private const int Households = 41;
    private const int PerHousehold = 100;

    [Fact]
    public async Task A_posting_job_writes_every_entry_once_into_events_of_at_most_the_chunk_size_that_match_the_ledger()
    {
        await SeedDueProposalsAsync();

        var result = await scoring.Awards.PostDueAsync(new PostDueRequest { VillageCode = scoring.Village });

        const int total = Households * PerHousehold;
        Assert.Equal(total, result.Posted);
        // Every tenth proposal is a deduction of 20, the rest awards of 10.
        Assert.Equal((total - (total / 10)) * 10L - (total / 10) * 20L, result.Points);

        var ledger = await EntriesAsync();
        Assert.Equal(total, ledger.Count);
        var events = await EventsAsync();
        var expectedEvents = (total + AwardsPosting.EntriesPerEvent - 1) / AwardsPosting.EntriesPerEvent;
        Assert.Equal(expectedEvents, events.Count);
        Assert.All(events, e => Assert.Equal(scoring.Village, e.Event.VillageCode));
        Assert.All(events, e => Assert.Equal(e.EventId, e.Event.EventId));
        Assert.All(events, e => Assert.InRange(e.Event.Entries.Count, 1, AwardsPosting.EntriesPerEvent));
        Assert.All(events, e => Assert.Equal(e.Event.Entries.Select(x => x.EntryId).Order(), e.Event.Entries.Select(x => x.EntryId)));
        Assert.Equal(expectedEvents, events.Select(e => e.EventId).Distinct().Count());

        var carried = events.SelectMany(e => e.Event.Entries).OrderBy(e => e.EntryId).ToList();
        Assert.Equal(ledger, carried);

        // The same proposals are not posted twice.
        var again = await scoring.Awards.PostDueAsync(new PostDueRequest { VillageCode = scoring.Village });
        Assert.Equal(0, again.Posted);
        Assert.Equal(expectedEvents, (await EventsAsync()).Count);
    }

    [Fact]
    public async Task Withdrawals_racing_the_posting_job_leave_each_proposal_either_posted_or_withdrawn_never_both()
    {
        var ids = await SeedRacingProposalsAsync();
        var targets = ids.Where((_, i) => i % 4 == 1).ToList();

        var withdrawals = targets.Select(async (id, i) =>
        {
            await Task.Delay(i % 20);
            try
            {
                var answer = await scoring.Awards.WithdrawAsync(new WithdrawRequest
                {
                    IdempotencyKey = $"race-withdraw-{id}", ProposalId = id, MemberId = "p1", Reason = "entered twice",
                });
                return (id, Withdrawn: answer.Status == Platform.Contracts.Scoring.V1.ProposalStatus.Withdrawn);
            }
            catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.FailedPrecondition && ex.Status.Detail.Contains("was posted", StringComparison.Ordinal))
            {
                return (id, Withdrawn: false);
            }
        }).ToList();
        var posting = Task.Run(async () =>
        {
            await Task.Delay(10);
            return await scoring.Awards.PostDueAsync(new PostDueRequest { VillageCode = scoring.Village });
        });
        var outcomes = await Task.WhenAll(withdrawals);
        var postedCount = (await posting).Posted;
        // Nothing due is left behind by the race.
        Assert.Equal(0, (await scoring.Awards.PostDueAsync(new PostDueRequest { VillageCode = scoring.Village })).Posted);

        var state = await RacingStateAsync();
        Assert.Equal(ids.Count, state.Count);
        Assert.All(state, s => Assert.True(s.Value.Withdrawn != s.Value.HasEntry, $"proposal {s.Key}: withdrawn {s.Value.Withdrawn}, entry {s.Value.HasEntry}"));
        Assert.All(outcomes, o => Assert.Equal(o.Withdrawn, state[o.id].Withdrawn));
        Assert.All(ids.Except(targets), id => Assert.True(state[id].HasEntry));
        Assert.Equal(state.Count(s => s.Value.HasEntry), postedCount);
        var board = (await scoring.Awards.GetNoticeBoardAsync(new GetNoticeBoardRequest { VillageCode = scoring.Village })).OnNotice;
        Assert.DoesNotContain(board, p => ids.Contains(p.Id));
        Assert.Equal(state.Count(s => s.Value.HasEntry) * 10L, await RacingBalancesAsync());
    }

    private async Task<List<long>> SeedRacingProposalsAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT @village, 'W' || lpad(h::text, 3, '0'), 'Head ' || h, 3, false, false, false, 1, now(), 'test'
            FROM generate_series(1, 20) h;
            INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
            SELECT id, village_code, 0, 0, 0, 0, 0 FROM households WHERE village_code = @village AND number LIKE 'W%';
            INSERT INTO proposals (village_code, household_id, rule_code, rule_version, points, note, proposed_by, proposed_at, period, status, notice_ends_at, request_id)
            SELECT h.village_code, h.id, 'TIDY-HOME', 1, 10, 'month-end sheet', 'p1', '2026-10-28', '2026-10', 2, '2026-11-01', 'race-' || h.id || '-' || k
            FROM households h CROSS JOIN generate_series(1, 20) k
            WHERE h.village_code = @village AND h.number LIKE 'W%';
            INSERT INTO notice_board (proposal_id, village_code, notice_ends_at)
            SELECT p.id, p.village_code, p.notice_ends_at FROM proposals p WHERE p.request_id LIKE 'race-%' AND p.village_code = @village;
            SELECT id FROM proposals WHERE request_id LIKE 'race-%' AND village_code = @village ORDER BY id;
            """, connection);
        command.Parameters.AddWithValue("village", scoring.Village);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private async Task<Dictionary<long, (bool Withdrawn, bool HasEntry)>> RacingStateAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT p.id, p.status = {(int)Platform.Scoring.Awards.ProposalStatus.Withdrawn}, EXISTS (SELECT 1 FROM ledger_entries e WHERE e.proposal_id = p.id)
            FROM proposals p WHERE p.request_id LIKE 'race-%' AND p.village_code = @village
            """, connection);
        command.Parameters.AddWithValue("village", scoring.Village);
        var state = new Dictionary<long, (bool, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            state[reader.GetInt64(0)] = (reader.GetBoolean(1), reader.GetBoolean(2));
        }

        return state;
    }

    private async Task<long> RacingBalancesAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(a.balance), 0)::bigint FROM accounts a JOIN households h ON h.id = a.household_id WHERE h.village_code = @village AND h.number LIKE 'W%'",
            connection);
        command.Parameters.AddWithValue("village", scoring.Village);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task SeedDueProposalsAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
            SELECT @village, 'P' || lpad(h::text, 3, '0'), 'Head ' || h, 3, false, false, false, 1, now(), 'test'
            FROM generate_series(1, {Households}) h;
            INSERT INTO accounts (household_id, village_code, balance, held, awarded, deducted, captured)
            SELECT id, village_code, 0, 0, 0, 0, 0 FROM households WHERE village_code = @village AND number LIKE 'P%';
            INSERT INTO proposals (village_code, household_id, rule_code, rule_version, points, note, proposed_by, proposed_at, period, status, notice_ends_at, request_id)
            SELECT h.village_code, h.id, CASE WHEN k % 10 = 0 THEN 'FIGHTING' ELSE 'TIDY-HOME' END, 1, CASE WHEN k % 10 = 0 THEN -20 ELSE 10 END,
                   'month-end sheet', 'p1', '2026-10-28', '2026-10', {(int)Platform.Scoring.Awards.ProposalStatus.OnNotice}, '2026-11-01', 'sheet-' || h.id || '-' || k
            FROM households h CROSS JOIN generate_series(1, {PerHousehold}) k
            WHERE h.village_code = @village AND h.number LIKE 'P%';
            INSERT INTO notice_board (proposal_id, village_code, notice_ends_at)
            SELECT p.id, p.village_code, p.notice_ends_at FROM proposals p JOIN households h ON h.id = p.household_id
            WHERE h.village_code = @village AND h.number LIKE 'P%';
            """, connection);
        command.Parameters.AddWithValue("village", scoring.Village);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<PostedEntry>> EntriesAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT e.id, h.number, e.kind, e.points, e.rule_code, e.period
            FROM ledger_entries e JOIN households h ON h.id = e.household_id
            WHERE e.village_code = @village AND e.proposal_id IS NOT NULL AND h.number LIKE 'P%'
            ORDER BY e.id
            """, connection);
        command.Parameters.AddWithValue("village", scoring.Village);
        var entries = new List<PostedEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new PostedEntry(reader.GetInt64(0), reader.GetString(1), ((Platform.Scoring.Ledger.EntryKind)reader.GetInt32(2)).ToString(),
                reader.GetInt64(3), reader.GetString(4), reader.GetString(5)));
        }

        return entries;
    }

    private async Task<List<(Guid EventId, PointsPosted Event)>> EventsAsync()
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(scoring.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT event_id, payload FROM outbox_messages WHERE type LIKE 'Platform.Contracts.Events.PointsPosted,%' ORDER BY sequence", connection);
        var events = new List<(Guid, PointsPosted)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var posted = JsonSerializer.Deserialize<PointsPosted>(reader.GetString(1), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            // Only this test's households: the fixture's own setup posts nothing, but be exact.
            if (posted.Entries.Any(e => e.HouseholdNumber.StartsWith('P')))
            {
                events.Add((reader.GetGuid(0), posted));
            }
        }

        return events;
    }
}
