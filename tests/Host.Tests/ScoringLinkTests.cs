using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Redemption.V1;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;

namespace Platform.Host.Tests;

/// <summary>
/// On the embedded host Redemption reaches Scoring at the host's own address, which exists only
/// once the server has started, after the background workers have begun. A worker's call to
/// Scoring before that once made every later Scoring client fail for the life of the process:
/// Counter/FindHouseholds answered Internal (HouseholdCopyTests, 3 times in 11 runs at a load
/// average of 45, on 2026-12-05).
/// </summary>
public sealed class ScoringLinkTests : IDisposable
{
    private readonly TempFolder data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task A_call_to_scoring_made_before_the_server_has_started_waits_for_it_and_the_counter_still_works()
    {
        Task<Balance>? early = null;
        await using var host = await EmbeddedHost.StartAsync(data.Path, app =>
        {
            early = app.Services.GetRequiredService<Ledger.LedgerClient>()
                .GetBalanceAsync(new HouseholdRef { VillageCode = "410522101299", HouseholdNumber = "001" }).ResponseAsync;
            return Task.CompletedTask;
        });

        // Scoring itself answered: the village is not registered (not Unavailable, not Internal).
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "VILLAGE_NOT_FOUND", () => early!);
        // The counter's calls make Redemption's Scoring clients again, and they work.
        await RpcAssert.RefusedAsync(StatusCode.NotFound, "COUNTER_NOT_FOUND", () =>
            new Counter.CounterClient(host.Channel).FindHouseholdsAsync(new FindHouseholdsRequest { CounterCode = "SM-09-C1", Query = "K-001" }).ResponseAsync);
    }
}
