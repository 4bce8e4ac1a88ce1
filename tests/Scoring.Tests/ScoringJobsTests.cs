using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Awards;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// Scoring's background pass (<see cref="ScoringJobs"/>) when a pass fails. Found by the fault
/// runner (seed 1090): PostgreSQL was killed as both replicas' passes ran, both failed and waited a
/// whole interval, and a hold that had ended just before stayed active, its points held, for
/// about two intervals.
/// </summary>
public sealed class ScoringJobsTests : IAsyncLifetime
{
    private ScoringHost host = null!;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_failed_pass_is_tried_again_soon_so_a_hold_that_ended_gives_its_points_back_within_seconds_not_a_whole_interval_later()
    {
        await host.AwardAsync("004", "SIMPLE-CEREMONY");
        await host.Ledger.HoldAsync(new HoldRequest { HoldId = "order-7", Household = ScoringHost.Household("004"), Points = 10, TtlSeconds = 20, Actor = "counter 1" });
        // The second pass cannot reach the database, as when PostgreSQL is restarting.
        var scopes = new ScopesFailingOnce(host.App.Services.GetRequiredService<IServiceScopeFactory>(), failing: 2);
        var log = new Warnings();
        var jobs = new ScoringJobs(scopes, host.Clock, log);
        await jobs.StartAsync(CancellationToken.None);
        try
        {
            await Poller.UntilAsync(() => scopes.Ended == 1, "the first pass has run");
            // The clock moves a second at a time until the second pass has failed: the hold ended 10 s before it.
            await Poller.UntilAsync(
                () =>
                {
                    if (log.Lines.IsEmpty)
                    {
                        host.Clock.Advance(TimeSpan.FromSeconds(1));
                    }

                    return !log.Lines.IsEmpty;
                },
                "the second pass has failed",
                TimeSpan.FromSeconds(60));
            Assert.Equal(HoldStatus.Active, (await host.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "order-7" })).Status);
            Assert.Equal(10, (await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"))).Held);

            // Ten seconds on (a third of the interval), the next pass has ended the hold.
            for (var second = 0; second < 10; second++)
            {
                host.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            await Poller.UntilAsync(
                async () => (await host.Ledger.GetHoldAsync(new GetHoldRequest { HoldId = "order-7" })).Status == HoldStatus.Expired,
                "the hold has ended within 10 s of the failed pass",
                TimeSpan.FromSeconds(10));
            var balance = await host.Ledger.GetBalanceAsync(ScoringHost.Household("004"));
            Assert.Equal((0L, balance.Balance_), (balance.Held, balance.Available));
            Assert.Contains("retrying in 00:00:05", log.Lines.Single(), StringComparison.Ordinal);
            await host.AssertInvariantsAsync();
        }
        finally
        {
            await jobs.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The host's scopes, but the <paramref name="failing"/>th cannot be made, as if the database were unreachable.</summary>
    private sealed class ScopesFailingOnce(IServiceScopeFactory inner, int failing) : IServiceScopeFactory
    {
        private int created;
        private int ended;

        public int Created => Volatile.Read(ref created);

        public int Ended => Volatile.Read(ref ended);

        public IServiceScope CreateScope()
        {
            if (Interlocked.Increment(ref created) == failing)
            {
                throw new InvalidOperationException("the database is unreachable (injected by the test)");
            }

            return new Counted(inner.CreateScope(), () => Interlocked.Increment(ref ended));
        }

        private sealed class Counted(IServiceScope scope, Action ended) : IServiceScope, IAsyncDisposable
        {
            public IServiceProvider ServiceProvider => scope.ServiceProvider;

            public void Dispose()
            {
                scope.Dispose();
                ended();
            }

            public async ValueTask DisposeAsync()
            {
                await ((IAsyncDisposable)scope).DisposeAsync();
                ended();
            }
        }
    }

    private sealed class Warnings : ILogger<ScoringJobs>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                Lines.Enqueue(formatter(state, exception));
            }
        }
    }
}
