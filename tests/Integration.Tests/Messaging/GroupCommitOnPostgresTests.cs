using Npgsql;
using Platform.ServiceDefaults.Data;
using Xunit;

namespace Platform.Integration.Tests.Messaging;

/// <summary>
/// GroupCommit on a real PostgreSQL: statements of concurrent callers go out together and each
/// caller gets its own statement's answer; a group in which one statement fails runs every
/// statement again alone, so the others still take effect exactly once and the failing one's
/// caller gets that statement's own error; a refusal the reader throws reaches its caller only.
/// </summary>
public sealed class GroupCommitOnPostgresTests
{
    private const string Debit = """
        UPDATE purses SET balance = balance - $2 WHERE id = $1 AND balance >= $2 RETURNING balance
        """;

    [Fact]
    public async Task Concurrent_statements_are_grouped_and_each_caller_gets_its_own_answer()
    {
        await WithPursesAsync(async source =>
        {
            await using var group = new GroupCommit(source);
            // 200 debits of 1 from 10 purses of 20 each: every debit fits, each purse ends at 0,
            // and every answer is a balance its own purse passed through.
            var debits = Enumerable.Range(0, 200).Select(i => (Purse: i % 10 + 1, Task: group.RunAsync(Debit, p =>
            {
                p.Add(new NpgsqlParameter<int> { TypedValue = i % 10 + 1 });
                p.Add(new NpgsqlParameter<long> { TypedValue = 1 });
            }, ReadBalanceAsync))).ToList();
            await Task.WhenAll(debits.Select(d => d.Task));

            foreach (var purse in debits.GroupBy(d => d.Purse))
            {
                Assert.Equal(Enumerable.Range(0, 20).Select(b => (long?)b).ToList(), purse.Select(d => d.Task.Result).Order().ToList());
            }

            Assert.Equal(0, await ScalarAsync(source, "SELECT sum(balance) FROM purses"));
            var (groups, statements, alone) = group.Counts;
            Assert.Equal(200, statements + alone);
            Assert.True(groups > 0 && statements > groups, $"expected groups of several statements; got {statements} statements in {groups} groups, {alone} alone");
        });
    }

    [Fact]
    public async Task A_failing_statement_makes_its_group_run_alone_and_fails_only_its_own_caller()
    {
        await WithPursesAsync(async source =>
        {
            await using var group = new GroupCommit(source);
            // Each round: nine debits and one insert of a purse that exists (a unique violation),
            // queued while a slow statement holds the database, so that they go out as one group.
            for (var round = 0; round < 5; round++)
            {
                var blocker = group.RunAsync("SELECT pg_sleep(0.2)", _ => { }, _ => Task.FromResult(true));
                await Task.Delay(50);
                var debits = Enumerable.Range(1, 9).Select(purse => group.RunAsync(Debit, p =>
                {
                    p.Add(new NpgsqlParameter<int> { TypedValue = purse });
                    p.Add(new NpgsqlParameter<long> { TypedValue = 2 });
                }, ReadBalanceAsync)).ToList();
                var duplicate = group.RunAsync("INSERT INTO purses (id, balance) VALUES ($1, 0) RETURNING balance",
                    p => p.Add(new NpgsqlParameter<int> { TypedValue = 3 }), ReadBalanceAsync);

                var error = await Assert.ThrowsAsync<PostgresException>(() => duplicate);
                Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
                Assert.All(await Task.WhenAll(debits), balance => Assert.Equal(20 - 2 * (round + 1), balance));
                Assert.True(await blocker);
            }

            // Each debit took effect once per round, no more, no less; purse 10 was never debited.
            Assert.Equal(9 * 10 + 20, await ScalarAsync(source, "SELECT sum(balance) FROM purses"));
            Assert.True(group.Counts.RunAlone >= 50, $"each failed group's ten statements ran again alone: {group.Counts}");
        });
    }

    [Fact]
    public async Task A_refusal_read_from_the_rows_reaches_its_caller_and_the_group_still_commits()
    {
        await WithPursesAsync(async source =>
        {
            await using var group = new GroupCommit(source);
            // Debits of 15 from purse 1 (20 points): one fits, the others find no row and their
            // reader refuses; the debits of other purses in the same groups go through.
            var tasks = Enumerable.Range(0, 40).Select(i =>
            {
                var purse = i % 4 == 0 ? 1 : i % 9 + 2;
                return group.RunAsync(Debit, p =>
                {
                    p.Add(new NpgsqlParameter<int> { TypedValue = purse });
                    p.Add(new NpgsqlParameter<long> { TypedValue = purse == 1 ? 15 : 1 });
                }, async reader => await ReadBalanceAsync(reader) ?? throw new InvalidOperationException($"purse {purse} is short"));
            }).ToList();
            await Task.WhenAll(tasks.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

            var refused = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            Assert.Equal(9, refused.Count);
            Assert.All(refused, e => Assert.Equal("purse 1 is short", e.Message));
            Assert.Equal(5, await ScalarAsync(source, "SELECT balance FROM purses WHERE id = 1"));
            Assert.Equal(9 * 20 - 30, await ScalarAsync(source, "SELECT sum(balance) FROM purses WHERE id > 1"));
        });
    }

    [Fact]
    public async Task A_statement_whose_parameters_fail_to_bind_fails_alone_and_the_loop_goes_on()
    {
        await WithPursesAsync(async source =>
        {
            await using var group = new GroupCommit(source);
            var blocker = group.RunAsync("SELECT pg_sleep(0.2)", _ => { }, _ => Task.FromResult(true));
            await Task.Delay(50);
            var debits = Enumerable.Range(1, 5).Select(purse => group.RunAsync(Debit, p =>
            {
                p.Add(new NpgsqlParameter<int> { TypedValue = purse });
                p.Add(new NpgsqlParameter<long> { TypedValue = 1 });
            }, ReadBalanceAsync)).ToList();
            var broken = group.RunAsync<long?>(Debit, _ => throw new FormatException("no such purse number"), ReadBalanceAsync);

            Assert.Equal("no such purse number", (await Assert.ThrowsAsync<FormatException>(() => broken)).Message);
            Assert.All(await Task.WhenAll(debits), balance => Assert.Equal(19, balance));
            Assert.True(await blocker);
            Assert.Equal(18, await group.RunAsync(Debit, p =>
            {
                p.Add(new NpgsqlParameter<int> { TypedValue = 1 });
                p.Add(new NpgsqlParameter<long> { TypedValue = 1 });
            }, ReadBalanceAsync));
        });
    }

    [Fact]
    public async Task A_group_first_locks_the_rows_its_statements_name_in_key_order_and_answers_stay_in_place()
    {
        await WithPursesAsync(async source =>
        {
            var seen = new List<IReadOnlyList<string>>();
            await using var group = new GroupCommit(source, lockFirst: keys =>
            {
                lock (seen)
                {
                    seen.Add(keys);
                }

                return keys.Select(key =>
                {
                    var command = new NpgsqlBatchCommand("SELECT id FROM purses WHERE id = $1 FOR UPDATE");
                    command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture) });
                    return command;
                });
            });
            var blocker = group.RunAsync("SELECT pg_sleep(0.2)", _ => { }, _ => Task.FromResult(true));
            await Task.Delay(50);
            // Debits of purses 9, 3, 9, 7 (in that order), each naming its purse as a lock key.
            int[] purses = [9, 3, 9, 7];
            var debits = purses.Select(purse => group.RunAsync(Debit, p =>
            {
                p.Add(new NpgsqlParameter<int> { TypedValue = purse });
                p.Add(new NpgsqlParameter<long> { TypedValue = 1 });
            }, ReadBalanceAsync, default, [purse.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ToList();

            Assert.Equal([19L, 19L, 18L, 19L], (await Task.WhenAll(debits)).Select(b => b!.Value));
            Assert.True(await blocker);
            // The group's keys, distinct and sorted, were locked ahead of its statements.
            Assert.Contains(seen, keys => keys.SequenceEqual(["3", "7", "9"]));
        });
    }

    [Fact]
    public async Task Switched_off_every_statement_runs_alone()
    {
        await WithPursesAsync(async source =>
        {
            await using var group = new GroupCommit(source, enabled: false);
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => group.RunAsync(Debit, p =>
            {
                p.Add(new NpgsqlParameter<int> { TypedValue = i % 10 + 1 });
                p.Add(new NpgsqlParameter<long> { TypedValue = 1 });
            }, ReadBalanceAsync)));
            Assert.Equal((0L, 0L, 20L), group.Counts);
            Assert.Equal(180, await ScalarAsync(source, "SELECT sum(balance) FROM purses"));
        });
    }

    private static async Task<long?> ReadBalanceAsync(NpgsqlDataReader reader) =>
        await reader.ReadAsync() ? reader.GetInt64(0) : null;

    private static async Task WithPursesAsync(Func<NpgsqlDataSource, Task> test)
    {
        var database = await Servers.CreateDatabaseAsync("group");
        try
        {
            await using var source = NpgsqlDataSource.Create(Servers.ConnectionString(database));
            await using (var create = source.CreateCommand("""
                CREATE TABLE purses (id int PRIMARY KEY, balance bigint NOT NULL CHECK (balance >= 0));
                INSERT INTO purses SELECT g, 20 FROM generate_series(1, 10) g;
                """))
            {
                await create.ExecuteNonQueryAsync();
            }

            await test(source);
        }
        finally
        {
            await Servers.DropDatabaseAsync(database);
        }
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
