using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Platform.Testing;

/// <summary>
/// What a host started by a test logged as an error with an exception: the server's side of an
/// Internal answer ("failed unexpectedly; the failure is logged"), whose text the client never
/// sees. A test that meets an Internal it did not ask for throws <see cref="Explain"/>, so that its
/// failure message carries the host's exception and stack trace instead of only the status.
/// </summary>
public sealed class LoggedFailures : ILoggerProvider
{
    /// <summary>Enough for any test; past it the first ones are kept.</summary>
    private const int Kept = 20;

    private readonly ConcurrentQueue<string> failures = new();

    public IReadOnlyList<string> All => [.. failures];

    /// <summary>The Internal answer with what the host logged, or the exception unchanged for any other status.</summary>
    public Exception Explain(RpcException ex) =>
        ex.StatusCode == StatusCode.Internal
            ? new InvalidOperationException(
                $"{ex.Status.Detail}{Environment.NewLine}The host logged {failures.Count} error(s) with an exception:{Environment.NewLine}"
                + string.Join(Environment.NewLine + "---" + Environment.NewLine, failures), ex)
            : ex;

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(LoggedFailures owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null && owner.failures.Count < Kept)
            {
                owner.failures.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}");
            }
        }
    }
}
