using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Platform.Scoring.Data;
using Xunit;

namespace Platform.Integration.Tests.Scoring;

/// <summary>
/// A Scoring database from before the notice board (migrations up to ProposalsOnNoticeIndex),
/// with proposals in every status, upgraded to the current schema: what was on notice is on the
/// board, what was posted stays posted (status OnNotice, off the board), nothing else moves.
/// </summary>
public sealed class NoticeBoardUpgradeTests
{
    private const string BeforeNoticeBoard = "20261125121248_ProposalsOnNoticeIndex";

    [Fact]
    public async Task Upgrading_puts_proposals_on_notice_on_the_board_and_keeps_posted_ones_posted()
    {
        var database = await Servers.CreateDatabaseAsync("upgrade");
        try
        {
            await using (var db = Open(database))
            {
                await db.GetService<IMigrator>().MigrateAsync(BeforeNoticeBoard);
            }

            await ExecuteAsync(database, """
                INSERT INTO villages (code, name, township, county, registered_at, quorum, notice_days) VALUES ('UP1', 'Shangzhuang', 'Qiaoli', 'Anle', now(), 0, 3);
                INSERT INTO households (village_code, number, head_name, member_count, poverty_registered, monitored, has_member_over70, status, registered_at, registered_by)
                VALUES ('UP1', '001', 'Gao Shuying', 3, false, false, false, 1, now(), 'clerk Sun Li');
                INSERT INTO proposals (village_code, household_id, rule_code, rule_version, points, note, proposed_by, proposed_at, period, status, notice_ends_at, request_id)
                SELECT 'UP1', h.id, 'TIDY-HOME', 1, 10, 'tidy', 'm1', now(), '2026-11', s, CASE WHEN s IN (2, 4) THEN timestamptz '2026-11-20' END, 'up-' || s
                FROM households h, generate_series(1, 5) s WHERE h.village_code = 'UP1';
                """);

            await using (var db = Open(database))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                var statuses = await db.Proposals.OrderBy(p => p.RequestId).Select(p => (int)p.Status).ToListAsync();
                // Proposed, OnNotice, Returned, OnNotice (was Posted), Withdrawn.
                Assert.Equal([1, 2, 3, 2, 5], statuses);
                var board = await db.NoticeBoard.ToListAsync();
                var onNotice = await db.Proposals.SingleAsync(p => p.RequestId == "up-2");
                Assert.Equal([onNotice.Id], board.Select(b => b.ProposalId));
                Assert.Equal("UP1", board[0].VillageCode);
                Assert.Equal(onNotice.NoticeEndsAt, board[0].NoticeEndsAt);
            }
        }
        finally
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    private static PostgresScoringDb Open(string database) =>
        new(new DbContextOptionsBuilder<PostgresScoringDb>().UseNpgsql(Servers.ConnectionString(database)).Options);

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
