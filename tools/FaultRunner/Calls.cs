using System.Collections.Concurrent;
using Grpc.Core;

namespace Platform.FaultRunner;

/// <summary>What a call ended with, as the caller saw it.</summary>
internal enum Outcome
{
    /// <summary>Answered with a result.</summary>
    Done,

    /// <summary>Answered with a refusal (FailedPrecondition, NotFound, AlreadyExists, OutOfRange): final for the request.</summary>
    Refused,

    /// <summary>No answer (abandoned and not sent again, or still unavailable at the give-up time).</summary>
    Unknown,

    /// <summary>An answer that should not happen: Internal, Unknown, InvalidArgument, PermissionDenied…</summary>
    Failed,
}

/// <summary>
/// Sends a keyed call as a careful client does (README "When a call gets no answer"): again
/// under the same key while the outcome is unknown (Unavailable, DeadlineExceeded, Aborted),
/// until answered or a give-up time. A call may be abandoned on purpose: cancelled a few
/// milliseconds after it was sent, so its answer is lost; then it is sent again or left.
/// </summary>
internal sealed class Calls
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(150);
    private readonly ConcurrentQueue<string> failures = new();
    private readonly CancellationTokenSource aborted = new();
    private int abandoned;
    private int retried;

    public int Abandoned => abandoned;

    public int Retried => retried;

    public IReadOnlyCollection<string> Failures => failures;

    public bool IsAborted => aborted.IsCancellationRequested;

    /// <summary>The run is over (a part did not come back): every call stops at once, unanswered.</summary>
    public void Abort() => aborted.Cancel();

    /// <summary>An answer the caller did not expect although its status is a refusal (a step that must succeed was refused).</summary>
    public void Unexpected(string failure) => failures.Enqueue(failure);

    /// <param name="abandonAfter">When set, the first attempt is cancelled this long after it was sent.</param>
    /// <param name="sendAgainAfterAbandon">After an abandoned attempt: false leaves the outcome unknown (recovery's business).</param>
    /// <param name="tally">Counts this call's abandoned and resent attempts as well, for a part of the load that reports its own.</param>
    public async Task<(Outcome Outcome, T? Answer, string Reason)> SendAsync<T>(string what, Func<CallOptions, AsyncUnaryCall<T>> call,
        TimeSpan? abandonAfter = null, bool sendAgainAfterAbandon = true, CallTally? tally = null)
        where T : class
    {
        var giveUp = DateTime.UtcNow + GiveUpAfter;
        for (var attempt = 1; ; attempt++)
        {
            if (IsAborted)
            {
                return (Outcome.Unknown, null, "aborted");
            }

            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(aborted.Token);
            var abandoning = attempt == 1 && abandonAfter is not null;
            if (abandoning)
            {
                cancel.CancelAfter(abandonAfter!.Value);
            }

            try
            {
                // An answer that came before the cancel took counts as received.
                var answer = await call(new CallOptions(deadline: DateTime.UtcNow + CallDeadline, cancellationToken: cancel.Token));
                return (Outcome.Done, answer, string.Empty);
            }
            catch (RpcException ex)
            {
                var reason = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Reason ?? string.Empty;
                if (ex.StatusCode == StatusCode.Cancelled && abandoning)
                {
                    Interlocked.Increment(ref abandoned);
                    tally?.CountAbandoned();
                    if (!sendAgainAfterAbandon)
                    {
                        return (Outcome.Unknown, null, "abandoned");
                    }

                    continue;
                }

                // A status the client made up from a broken connection is a lost answer, not the service's: a replica
                // killed behind the balancer resets its streams (Internal or Unknown with the transport's exception), or
                // the balancer answers plain HTTP without a gRPC status (seen: 400 while a Redemption replica died).
                var transport = ex.StatusCode is StatusCode.Internal or StatusCode.Unknown
                    && (ex.Status.DebugException is not null || ex.Status.Detail.StartsWith("Bad gRPC response. HTTP status code:", StringComparison.Ordinal));
                if (transport || ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.ResourceExhausted
                    or StatusCode.Cancelled)
                {
                    if (DateTime.UtcNow > giveUp)
                    {
                        return (Outcome.Unknown, null, $"{ex.StatusCode} {reason}".Trim());
                    }

                    Interlocked.Increment(ref retried);
                    tally?.CountRetried(ex.StatusCode);
                    try
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), aborted.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // Aborted: the loop returns at its top.
                    }

                    continue;
                }

                if (ex.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.AlreadyExists or StatusCode.OutOfRange)
                {
                    return (Outcome.Refused, null, reason.Length > 0 ? reason : ex.StatusCode.ToString());
                }

                failures.Enqueue($"{what}: {ex.StatusCode} {reason} {ex.Status.Detail} (attempt {attempt})");
                return (Outcome.Failed, null, $"{ex.StatusCode} {reason}".Trim());
            }
        }
    }
}
