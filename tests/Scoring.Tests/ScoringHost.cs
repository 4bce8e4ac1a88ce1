using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Scoring.V1;
using Platform.Scoring.Data;
using Platform.Testing;
using Xunit;

namespace Platform.ScoringTests;

/// <summary>
/// Scoring running for real (embedded mode: SQLite in a folder of its own, the in-memory bus),
/// with a clock the test moves and background jobs off, so the test drives posting. Sets up
/// village V1 with households 001–006 and a panel of three whose members live in 001, 002, 003.
/// </summary>
public sealed class ScoringHost : IAsyncDisposable
{
    public const string Village = "V1";

    private readonly TempFolder data = new();
    private int keys;

    private ScoringHost()
    {
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));

    public RunningApp App { get; private set; } = null!;

    public Villages.VillagesClient Villages => new(App.Channel);

    public Households.HouseholdsClient Households => new(App.Channel);

    public Rules.RulesClient Rules => new(App.Channel);

    public Panels.PanelsClient Panels => new(App.Channel);

    public Awards.AwardsClient Awards => new(App.Channel);

    public Ledger.LedgerClient Ledger => new(App.Channel);

    public PointsExpiry.PointsExpiryClient Expiry => new(App.Channel);

    public static HouseholdRef Household(string number) => new() { VillageCode = Village, HouseholdNumber = number };

    public string Key() => $"key-{Interlocked.Increment(ref keys)}";

    /// <param name="services">Services a test adds to Scoring's (an interceptor for its database, say).</param>
    public static async Task<ScoringHost> StartAsync(Action<IServiceCollection>? services = null)
    {
        var host = new ScoringHost();
        host.App = await RunningApp.StartAsync(
            args => Platform.Scoring.Program.Build(args, s =>
            {
                s.AddSingleton<TimeProvider>(host.Clock);
                services?.Invoke(s);
            }),
            new Dictionary<string, string?>
            {
                ["Platform:Mode"] = "Embedded",
                ["Platform:DataFolder"] = host.data.Path,
                ["Platform:BackgroundJobs"] = "false",
            });
        await host.Villages.RegisterVillageAsync(new RegisterVillageRequest
        {
            IdempotencyKey = "setup-village", Code = Village, Name = "Dongshan", Township = "Qiaoli Township", County = "Anle County",
        });
        string[] heads = ["Wang Xiulan", "Li Jianguo", "Zhao Min", "Chen Guiying", "Liu Fang", "Sun Dehai"];
        await host.Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "setup", VillageCode = Village, Actor = "clerk Zhou",
            Households = { heads.Select((h, i) => new NewHousehold { HouseholdNumber = $"00{i + 1}", HeadName = h, MemberCount = 3 }) },
        });
        foreach (var (id, name, number) in new[] { ("m1", "Wang Xiulan", "001"), ("m2", "Li Jianguo", "002"), ("m3", "Zhao Min", "003") })
        {
            await host.Panels.SetPanelMemberAsync(new SetPanelMemberRequest
            {
                IdempotencyKey = $"setup-member-{id}", VillageCode = Village, Actor = "clerk Zhou",
                Member = new PanelMember { MemberId = id, Name = name, Role = PanelRole.VillagersRepresentative, HouseholdNumber = number },
            });
        }

        // These tests' proposer (m1) also approves; a new village forbids that until it allows it
        // (PanelRulesTests covers the rule itself).
        await host.Panels.SetPanelRulesAsync(new SetPanelRulesRequest
        {
            IdempotencyKey = "setup-rules", VillageCode = Village, Actor = "clerk Zhou", Rules = new PanelRules { ProposerMayApprove = true },
        });
        return host;
    }

    public async Task<Proposal> ProposeAsync(string household, string rule, string by = "m1", string evidence = "")
    {
        return await Awards.ProposeAsync(new ProposeRequest
        {
            IdempotencyKey = Key(), VillageCode = Village, HouseholdNumber = household, RuleCode = rule, ProposedBy = by,
            EvidenceRef = evidence,
        });
    }

    /// <summary>Proposes, approves by two members not of the household, lets the notice close, posts.</summary>
    public async Task<Proposal> AwardAsync(string household, string rule, string evidence = "")
    {
        var proposal = await ProposeAsync(household, rule, evidence: evidence);
        foreach (var member in new[] { "m1", "m2", "m3" }.Where(m => m != $"m{int.Parse(household)}").Take(2))
        {
            await Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = Key(), ProposalId = proposal.Id, MemberId = member });
        }

        Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
        await Awards.PostDueAsync(new PostDueRequest { VillageCode = Village });
        return await Awards.GetProposalAsync(new GetProposalRequest { ProposalId = proposal.Id });
    }

    /// <summary>Checks the ledger's invariants against the database.</summary>
    public async Task AssertInvariantsAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoringDb>();
        var accounts = await db.Accounts.AsNoTracking().ToListAsync();
        var sums = await db.Entries.AsNoTracking().GroupBy(e => e.HouseholdId)
            .Select(g => new { g.Key, Sum = g.Sum(e => e.Points) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        var held = await db.Holds.AsNoTracking().Where(h => h.Status == Platform.Scoring.Ledger.HoldStatus.Active).GroupBy(h => h.HouseholdId)
            .Select(g => new { g.Key, Sum = g.Sum(h => h.Points) }).ToDictionaryAsync(x => x.Key, x => x.Sum);
        foreach (var account in accounts)
        {
            Assert.Equal(sums.GetValueOrDefault(account.HouseholdId), account.Balance);
            Assert.Equal(held.GetValueOrDefault(account.HouseholdId), account.Held);
        }

        var posted = await db.Entries.AsNoTracking()
            .Where(e => e.Kind != Platform.Scoring.Ledger.EntryKind.HoldCaptured && e.Kind != Platform.Scoring.Ledger.EntryKind.Refund && e.Kind != Platform.Scoring.Ledger.EntryKind.Expiry)
            .SumAsync(e => (long?)e.Points) ?? 0;
        var captured = accounts.Sum(a => a.Captured);
        var expired = await db.Entries.AsNoTracking().Where(e => e.Kind == Platform.Scoring.Ledger.EntryKind.Expiry).SumAsync(e => (long?)-e.Points) ?? 0;
        Assert.Equal(expired, accounts.Sum(a => a.Expired));
        Assert.Equal(accounts.Sum(a => a.Balance), posted - captured - expired);
        var totals = await Ledger.GetVillageTotalsAsync(new GetVillageTotalsRequest { VillageCode = Village });
        Assert.Equal(totals.Balance, totals.Posted - totals.Captured - totals.Expired);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        data.Dispose();
    }
}
