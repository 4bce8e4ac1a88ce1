using System.Threading.Channels;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Runs the one-statement writes of concurrent calls together: statements that arrive while
/// the previous group is at the database are sent as one <see cref="NpgsqlBatch"/> in one
/// transaction, so a group costs one round trip and one durable commit instead of one each.
/// A statement alone runs as before, in its own implicit transaction.
/// <para>
/// Each statement of a group runs under READ COMMITTED with a snapshot of its own and sees the
/// statements before it in the group, so a group has the effect of its statements one after
/// another, in the order they arrived. Results are handed out only after the commit. When any
/// statement of a group fails (a refusal a statement raises on purpose, a unique violation,
/// a deadlock), the group's transaction rolls back and every statement of it runs again alone,
/// as it would have without grouping; its caller sees exactly what that lone run answers.
/// Should the connection fail during the commit itself, PostgreSQL may have committed the group
/// after all, and its statements still run again alone: a statement given to this class must
/// be safe to repeat (the hold statements are: the hold id makes a repeat a replay; so are the
/// counter's: a repeated try meets its order id, a repeated confirm finds the order settled).
/// </para>
/// <para>
/// One group is at the database at a time, so groups never wait for each other's row locks.
/// A group holds its row locks until its commit, a few milliseconds, so it must take them in
/// the order the service's other transactions do: a statement names its rows by lock key, and
/// the service's <c>lockFirst</c> statements lock the group's keys, sorted, before the group's
/// own statements run. A transaction elsewhere that still locks against that order can
/// deadlock with a group; whichever PostgreSQL picks is rolled back (a group then runs its
/// statements alone; another call answers Aborted).
/// </para>
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly int maxStatements;
    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;
    private readonly bool enabled;

    private readonly Func<IReadOnlyList<string>, IEnumerable<NpgsqlBatchCommand>>? lockFirst;
    private long groups;
    private long grouped;
    private long alone;

    /// <param name="enabled">False: every statement runs alone at once (Platform:GroupCommit=false).</param>
    /// <param name="lockFirst">
    /// Statements that lock, ahead of a group's own, the rows its statements name by lock key
    /// (<see cref="RunAsync{T}"/>'s <c>locks</c>), given the group's keys sorted by ordinal. A
    /// group then takes those rows in one fixed order, the order the service's other
    /// transactions take them in, instead of in the order its statements arrived.
    /// </param>
    public GroupCommit(NpgsqlDataSource dataSource, bool enabled = true, int maxStatements = 64,
        Func<IReadOnlyList<string>, IEnumerable<NpgsqlBatchCommand>>? lockFirst = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStatements, 1);
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.maxStatements = maxStatements;
        this.lockFirst = lockFirst;
        loop = enabled ? Task.Run(RunAsync) : Task.CompletedTask;
    }

    /// <summary>Groups run so far, and the statements they carried (for benchmarks and tests).</summary>
    public (long Groups, long Statements, long RunAlone) Counts => (Interlocked.Read(ref groups), Interlocked.Read(ref grouped), Interlocked.Read(ref alone));

    /// <summary>
    /// Runs <paramref name="sql"/> with the parameters <paramref name="bind"/> adds (it may be
    /// called more than once: a statement that runs again alone gets fresh parameters) and
    /// answers what <paramref name="read"/> makes of its rows, once the statement has committed.
    /// An exception <paramref name="read"/> throws is the caller's answer; the statement's
    /// effect still commits, as it would had the caller read the rows of a lone statement.
    /// </summary>
    public Task<T> RunAsync<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, Task<T>> read,
        CancellationToken cancellationToken = default, IReadOnlyCollection<string>? locks = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var work = new Work<T>(sql, bind, read, locks ?? []);
        if (!enabled)
        {
            Interlocked.Increment(ref alone);
            _ = work.RunAloneAsync(dataSource);
            return work.Task;
        }

        if (!queue.Writer.TryWrite(work))
        {
            throw new ObjectDisposedException(nameof(GroupCommit));
        }

        return work.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<Work>(maxStatements);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < maxStatements && queue.Reader.TryRead(out var work))
            {
                group.Add(work);
            }

            if (group.Count == 1)
            {
                Interlocked.Increment(ref alone);
                await group[0].RunAloneAsync(dataSource).ConfigureAwait(false);
                continue;
            }

            if (!await TryGroupAsync(group).ConfigureAwait(false))
            {
                // Each runs alone, side by side, as it would have without grouping.
                Interlocked.Add(ref alone, group.Count);
                await Task.WhenAll(group.Select(w => w.RunAloneAsync(dataSource))).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> TryGroupAsync(List<Work> group)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                var keys = group.SelectMany(w => w.Locks).Distinct().Order(StringComparer.Ordinal).ToList();
                var prelude = lockFirst is null || keys.Count == 0 ? 0 : AddAll(batch, lockFirst(keys));
                foreach (var work in group)
                {
                    batch.BatchCommands.Add(work.Command());
                }

                await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
                for (var i = 0; i < prelude + group.Count; i++)
                {
                    if (i > 0 && !await reader.NextResultAsync().ConfigureAwait(false))
                    {
                        throw new InvalidOperationException("A grouped statement returned no result.");
                    }

                    if (i >= prelude)
                    {
                        await group[i - prelude].ReadAsync(reader).ConfigureAwait(false);
                    }
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Whatever went wrong (the database, a statement, a parameter that would not bind),
            // each statement runs again alone and its caller hears that run's own outcome; the
            // loop itself never stops.
            return false;
        }

        Interlocked.Increment(ref groups);
        Interlocked.Add(ref grouped, group.Count);
        foreach (var work in group)
        {
            work.Complete();
        }

        return true;
    }

    private static int AddAll(NpgsqlBatch batch, IEnumerable<NpgsqlBatchCommand> commands)
    {
        var count = 0;
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
            count++;
        }

        return count;
    }

    private abstract class Work(IReadOnlyCollection<string> locks)
    {
        public IReadOnlyCollection<string> Locks => locks;

        public abstract NpgsqlBatchCommand Command();

        /// <summary>Reads this statement's rows into the pending answer; a PostgreSQL error propagates.</summary>
        public abstract Task ReadAsync(NpgsqlDataReader reader);

        public abstract void Complete();

        public abstract Task RunAloneAsync(NpgsqlDataSource dataSource);
    }

    private sealed class Work<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, Task<T>> read, IReadOnlyCollection<string> locks)
        : Work(locks)
    {
        private readonly TaskCompletionSource<T> answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;
        private Exception? refusal;

        public Task<T> Task => answer.Task;

        public override NpgsqlBatchCommand Command()
        {
            var command = new NpgsqlBatchCommand(sql);
            bind(command.Parameters);
            return command;
        }

        public override async Task ReadAsync(NpgsqlDataReader reader)
        {
            result = default;
            refusal = null;
            try
            {
                result = await read(reader).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not NpgsqlException)
            {
                refusal = ex;
            }
        }

        public override void Complete()
        {
            if (refusal is null)
            {
                answer.TrySetResult(result!);
            }
            else
            {
                answer.TrySetException(refusal);
            }
        }

        public override async Task RunAloneAsync(NpgsqlDataSource dataSource)
        {
            try
            {
                await using var command = dataSource.CreateCommand(sql);
                bind(command.Parameters);
                T value;
                Exception? refused = null;
                await using (var reader = await command.ExecuteReaderAsync().ConfigureAwait(false))
                {
                    try
                    {
                        value = await read(reader).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not NpgsqlException)
                    {
                        (value, refused) = (default!, ex);
                    }
                }

                // The reader is closed only once the server has answered for the whole statement,
                // its commit included: only then does the caller hear of it.
                if (refused is null)
                {
                    answer.TrySetResult(value);
                }
                else
                {
                    answer.TrySetException(refused);
                }
            }
            catch (Exception ex)
            {
                answer.TrySetException(ex);
            }
        }
    }
}
