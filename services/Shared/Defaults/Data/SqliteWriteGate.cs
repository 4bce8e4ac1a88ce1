using System.Collections.Concurrent;
using System.Diagnostics;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// The one writer of a SQLite file in this process. SQLite lets one connection write at a time;
/// a second one that tries is answered SQLITE_BUSY, and Microsoft.Data.Sqlite then sleeps
/// 150 ms before it tries again, so writers of one process colliding on a file (a call's steps,
/// the outbox relay, the journal sealer, the audit writer) cost calls multiples of 150 ms. The
/// gate makes them queue in memory instead and hands the file to the next one the moment the
/// previous one is done. Calls go first: a background writer (anything outside a gRPC call)
/// waits while calls are queued, unless it has already waited <see cref="BackgroundPatience"/>,
/// so that the relay and the sealer are slowed by a busy counter but never starved by it.
/// </summary>
internal sealed class SqliteWriteGate
{
    /// <summary>How long a background writer lets calls go first before it takes its turn.</summary>
    public static readonly TimeSpan BackgroundPatience = TimeSpan.FromMilliseconds(50);

    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<bool> InCall = new();

    private readonly Lock sync = new();
    private readonly LinkedList<Waiter> calls = new();
    private readonly LinkedList<Waiter> background = new();
    private bool held;

    private readonly TimeSpan patience;

    /// <param name="patience">Tests only: a gate of its own, not the file's shared one, with its own patience.</param>
    internal SqliteWriteGate(string file, TimeSpan? patience = null)
    {
        File = file;
        this.patience = patience ?? BackgroundPatience;
    }

    /// <summary>The database file this gate guards.</summary>
    public string File { get; }

    /// <summary>The gate of a database file (one per file in the process, whatever the path's spelling).</summary>
    public static SqliteWriteGate For(string file) => Gates.GetOrAdd(Path.GetFullPath(file), f => new SqliteWriteGate(f));

    /// <summary>Writers waiting for the file.</summary>
    internal int Waiting
    {
        get
        {
            lock (sync)
            {
                return calls.Count + background.Count;
            }
        }
    }

    /// <summary>Marks the current async flow as serving a call: its writes go before background ones.</summary>
    public static void MarkCall() => InCall.Value = true;

    /// <summary>Waits for the file, at most <paramref name="timeout"/>, and answers the lease to dispose when done.</summary>
    /// <exception cref="TimeoutException">The file stayed held by another writer of this process for the whole timeout.</exception>
    public async ValueTask<Lease> EnterAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (sync)
        {
            if (!held)
            {
                held = true;
                return new Lease(this);
            }

            waiter = new Waiter(InCall.Value, Stopwatch.GetTimestamp());
            waiter.Node = (waiter.Call ? calls : background).AddLast(waiter);
        }

        try
        {
            await waiter.Granted.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return new Lease(this);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            bool granted;
            lock (sync)
            {
                granted = waiter.Node.List is null;
                waiter.Node.List?.Remove(waiter.Node);
            }

            if (granted)
            {
                // Granted just as the wait ended: pass the file on.
                Release();
            }

            if (ex is TimeoutException)
            {
                throw new TimeoutException(
                    $"No write lock on {Path.GetFileName(File)} within {timeout.TotalSeconds:0.#} s: another writer of this process held it all that time. " +
                    "A flow that writes to the file through a second DbContext while its own transaction on that file is open waits on itself; " +
                    "commit the first transaction before, or write through the same context.", ex);
            }

            throw;
        }
    }

    /// <summary>The blocking form of <see cref="EnterAsync"/>, for EF Core's synchronous paths.</summary>
    public Lease Enter(TimeSpan timeout) => EnterAsync(timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private void Release()
    {
        lock (sync)
        {
            var next = background.First is { } patient && Stopwatch.GetElapsedTime(patient.Value.Since) >= patience
                ? patient
                : calls.First ?? background.First;
            if (next is null)
            {
                held = false;
                return;
            }

            next.List!.Remove(next);
            next.Value.Granted.SetResult();
        }
    }

    /// <summary>The file, held until disposed (once; a second dispose does nothing).</summary>
    public sealed class Lease(SqliteWriteGate gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed class Waiter(bool call, long since)
    {
        public bool Call { get; } = call;

        public long Since { get; } = since;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter> Node { get; set; } = null!;
    }
}
