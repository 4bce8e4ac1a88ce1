using CsCheck;
using Grpc.Core;
using Platform.Contracts.Scoring.V1;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// Random sequences of awards, deductions, holds, captures, releases and reversals through the
/// real service; after every operation each balance equals the sum of its entries, held equals
/// the active holds, and posted minus captured equals the sum of balances. Refusals are part of
/// the game, but only as FailedPrecondition, never as a failure of the service.
/// </summary>
public sealed class LedgerPropertyTests : IAsyncLifetime
{
    private static readonly string[] Rules = ["SIMPLE-CEREMONY", "DISASTER-DUTY", "TIDY-HOME", "FIGHTING", "DAMAGED-ENVIRONMENT"];
    private ScoringHost host = null!;
    private readonly List<string> holds = [];
    private int orders;

    public async Task InitializeAsync() => host = await ScoringHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Random_operations_keep_every_ledger_invariant()
    {
        var operation = Gen.Select(Gen.Int[0, 5], Gen.Int[4, 6], Gen.Int[0, 4], Gen.Int[1, 40]);
        await operation.Array[1, 20].SampleAsync(async ops =>
        {
            foreach (var (kind, household, rule, points) in ops)
            {
                await RunAsync(kind, $"00{household}", rule, points);
                await host.AssertInvariantsAsync();
            }
        }, iter: 12, threads: 1);
    }

    private async Task RunAsync(int kind, string household, int rule, int points)
    {
        try
        {
            switch (kind)
            {
                case 0 or 1:
                    await host.AwardAsync(household, Rules[rule]);
                    break;
                case 2:
                    var id = $"order-{Interlocked.Increment(ref orders)}";
                    var held = await host.Ledger.HoldAsync(new HoldRequest
                    {
                        HoldId = id, Household = ScoringHost.Household(household), Points = points, TtlSeconds = 3600, Actor = "counter",
                    });
                    Assert.True(held.AvailableAfter >= 0, $"a hold left {held.AvailableAfter} available");
                    holds.Add(id);
                    break;
                case 3 when holds.Count > 0:
                    await host.Ledger.CaptureAsync(new CaptureRequest { HoldId = holds[points % holds.Count], Actor = "counter" });
                    break;
                case 4 when holds.Count > 0:
                    await host.Ledger.ReleaseAsync(new ReleaseRequest { HoldId = holds[points % holds.Count], Actor = "counter" });
                    break;
                case 5:
                    var statement = await host.Ledger.GetStatementAsync(new GetStatementRequest { Household = ScoringHost.Household(household), PageSize = 50 });
                    var target = statement.Entries.FirstOrDefault(e => e.Kind is EntryKind.Award or EntryKind.Deduction);
                    if (target is not null)
                    {
                        await host.Ledger.ReverseAsync(new ReverseRequest { IdempotencyKey = host.Key(), EntryId = target.Id, Actor = "m2", Reason = "property test" });
                    }

                    break;
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            // Not enough points, a cap reached, a hold captured, released or expired, an entry
            // already reversed: refused, and the invariants below must still hold.
        }
    }
}
