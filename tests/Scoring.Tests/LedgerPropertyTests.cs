using CsCheck;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Xunit;
using Kind = Platform.Scoring.Ledger.EntryKind;

namespace Platform.ScoringTests;

/// <summary>
/// Random sequences of awards, deductions, holds, captures, releases and reversals through the
/// real service; after every operation each balance equals the sum of its entries, held equals
/// the active holds, and posted minus captured equals the sum of balances. Refusals are part of
/// the game, but only as FailedPrecondition, never as a failure of the service. With expiry
/// (decision 0014), spends under reused ids and month starts join the game, and what the service
/// expires at each boundary must equal what a model that keeps the earning batches explicitly
/// (first earned, first consumed) says is left of the expired batches: a point spent never expires,
/// a point is never spent twice, and the balances still equal their entries.
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

    [Fact]
    public async Task Random_operations_with_expiry_agree_with_a_model_of_earning_batches()
    {
        await host.Expiry.SetExpiryPolicyAsync(new SetExpiryPolicyRequest
        {
            IdempotencyKey = "policy", VillageCode = ScoringHost.Village, Rule = ExpiryRule.MonthsAfterEarning, Months = 1, Actor = "clerk Zhou",
        });
        var operation = Gen.Select(Gen.Int[0, 8], Gen.Int[4, 6], Gen.Int[0, 4], Gen.Int[1, 40]);
        var boundaries = 0;
        long expired = 0;
        await operation.Array[1, 20].SampleAsync(async ops =>
        {
            foreach (var (kind, household, rule, points) in ops)
            {
                switch (kind)
                {
                    case 6:
                        await SpendAsync($"00{household}", points);
                        break;
                    case 7 or 8:
                        boundaries++;
                        expired += await BoundaryAsync();
                        break;
                    default:
                        await RunAsync(kind, $"00{household}", rule, points);
                        break;
                }

                await host.AssertInvariantsAsync();
                await AssertSpentOnceAsync();
            }
        }, iter: 12, threads: 1);
        Assert.True(boundaries > 0 && expired > 0, $"{boundaries} month starts crossed, {expired} points expired: the game did not reach expiry");
    }

    /// <summary>Spends under a few reused ids: a replay or a refusal, never a second debit.</summary>
    private async Task SpendAsync(string household, int points)
    {
        try
        {
            var spent = await host.Ledger.SpendAsync(new SpendRequest
            {
                SpendId = $"spend-{household}-{points % 7}", Household = ScoringHost.Household(household), Points = points, Actor = "counter",
            });
            Assert.True(spent.AvailableAfter >= 0, $"a spend left {spent.AvailableAfter} available");
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
        {
            // Not enough points, or the id was used for another request.
        }
    }

    /// <summary>
    /// Moves the clock past the next month start and expires; the service's expiry entries must
    /// equal the model's, computed from the entries and holds just before.
    /// </summary>
    private async Task<long> BoundaryAsync()
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var boundary = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        host.Clock.Advance(boundary.AddMinutes(1) - now);
        var cut = boundary.AddMonths(-2).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var before = await EntriesAsync();
        var held = await HeldAsync();
        var expected = before.GroupBy(e => e.HouseholdId)
            .ToDictionary(g => g.Key, g => ModelExpiry(g.ToList(), held.GetValueOrDefault(g.Key), cut));
        var firstNew = before.Count == 0 ? 0 : before.Max(e => e.Id) + 1;

        var run = await host.Expiry.ExpireDueAsync(new ExpireDueRequest { IdempotencyKey = host.Key(), VillageCode = ScoringHost.Village, Actor = "clerk Zhou" });
        Assert.Equal(cut, run.CutPeriod);

        var posted = (await EntriesAsync()).Where(e => e.Id >= firstNew && e.Kind == Kind.Expiry).ToDictionary(e => e.HouseholdId, e => -e.Points);
        foreach (var (householdId, points) in expected)
        {
            Assert.Equal(points, posted.GetValueOrDefault(householdId));
        }

        Assert.Equal(expected.Values.Sum(), run.Points);
        Assert.All(posted.Values, p => Assert.True(p > 0));
        return run.Points;
    }

    /// <summary>
    /// The model: each household's credits kept as batches by month; everything it consumed
    /// (deductions, spends net of refunds, transfers out, earlier expiry) and what it holds now is
    /// taken from the oldest batch first; what is left of the batches up to the cut expires.
    /// </summary>
    private static long ModelExpiry(List<Platform.Scoring.Ledger.LedgerEntry> entries, long held, string cut)
    {
        bool Credit(Platform.Scoring.Ledger.LedgerEntry e) => e.Kind is Kind.Award or Kind.TransferIn || (e.Kind == Kind.Reversal && e.Points < 0);
        var batches = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var e in entries.Where(Credit))
        {
            batches[e.Period] = batches.GetValueOrDefault(e.Period) + e.Points;
        }

        var consumed = held - entries.Where(e => !Credit(e)).Sum(e => e.Points);
        long expires = 0;
        foreach (var (period, credit) in batches)
        {
            Assert.True(credit >= 0, $"batch {period} holds {credit}");
            var taken = Math.Min(credit, Math.Max(0, consumed));
            consumed -= taken;
            if (string.CompareOrdinal(period, cut) <= 0)
            {
                expires += credit - taken;
            }
        }

        return expires;
    }

    private async Task AssertSpentOnceAsync()
    {
        var entries = await EntriesAsync();
        var twice = entries.Where(e => e.Kind == Kind.HoldCaptured).GroupBy(e => e.HoldId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twice);
    }

    private async Task<List<Platform.Scoring.Ledger.LedgerEntry>> EntriesAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoringDb>().Entries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<Dictionary<long, long>> HeldAsync()
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoringDb>().Accounts.AsNoTracking().ToDictionaryAsync(a => a.HouseholdId, a => a.Held);
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
