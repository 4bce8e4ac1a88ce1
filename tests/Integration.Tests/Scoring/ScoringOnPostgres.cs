using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Scoring.V1;
using Platform.Testing;
using Xunit;
using ScoringProgram = Platform.Scoring.Program;

namespace Platform.Integration.Tests.Scoring;

/// <summary>Scoring in distributed mode on a PostgreSQL database of its own, with a clock the test moves.</summary>
public class ScoringOnPostgres : IAsyncLifetime
{
    // Unique per run: Redis keeps leaderboards across runs, keyed by village.
    public string Village { get; } = $"IT-S-{Guid.NewGuid():N}"[..16];

    private string database = null!;

    /// <summary>The fixture's database, for tests that change rows behind the service's back.</summary>
    public string Database => database;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 10, 8, 0, 0, TimeSpan.Zero));

    public RunningApp App { get; private set; } = null!;

    public Households.HouseholdsClient Households => new(App.Channel);

    public Awards.AwardsClient Awards => new(App.Channel);

    public Ledger.LedgerClient Ledger => new(App.Channel);

    /// <summary>Settings a derived fixture adds to the service's configuration.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings => [];

    /// <summary>Services a derived fixture adds to the service's (an interceptor for its database, say).</summary>
    protected virtual void MoreServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        database = await Servers.CreateDatabaseAsync("scoring");
        App = await RunningApp.StartAsync(
            args => ScoringProgram.Build(args, services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                MoreServices(services);
            }),
            new Dictionary<string, string?>(MoreSettings)
            {
                ["Platform:Mode"] = "Distributed",
                ["Platform:Postgres"] = Servers.Postgres,
                ["Platform:RabbitMq"] = Servers.RabbitMq,
                ["Platform:Redis"] = Servers.Redis,
                ["Platform:Databases:scoring"] = database,
                ["Platform:BackgroundJobs"] = "false",
                ["Platform:QueuePrefix"] = $"it-{Guid.NewGuid():N}"[..11] + "-",
            });
        await new Villages.VillagesClient(App.Channel).RegisterVillageAsync(new RegisterVillageRequest
        {
            IdempotencyKey = "setup-village", Code = Village, Name = "Taoyuan", Township = "Hexi Township", County = "Anle County",
        });
        await Households.RegisterHouseholdsAsync(new RegisterHouseholdsRequest
        {
            IdempotencyKey = "setup-households",
            VillageCode = Village,
            Actor = "clerk Sun Li",
            Households =
            {
                new NewHousehold { HouseholdNumber = "001", HeadName = "Wang Xiulan", MemberCount = 4 },
                new NewHousehold { HouseholdNumber = "002", HeadName = "Li Jianguo", MemberCount = 3 },
            },
        });
        await new Panels.PanelsClient(App.Channel).SetPanelMemberAsync(new SetPanelMemberRequest
        {
            IdempotencyKey = "setup-member-p1",
            VillageCode = Village,
            Actor = "clerk Sun Li",
            Member = new PanelMember { MemberId = "p1", Name = "Li Jianguo", Role = PanelRole.VillageCadre, HouseholdNumber = "002" },
        });
        // A panel of one: this village lets the proposer approve too (a new village does not).
        await new Panels.PanelsClient(App.Channel).SetPanelRulesAsync(new SetPanelRulesRequest
        {
            IdempotencyKey = "setup-rules", VillageCode = Village, Actor = "clerk Sun Li", Rules = new PanelRules { ProposerMayApprove = true },
        });
    }

    /// <summary>Gives household 001 points through the real workflow: rule, proposal, approval, notice, posting.</summary>
    public async Task AwardAsync(long points, string key)
    {
        await new Rules.RulesClient(App.Channel).DefineRuleAsync(new DefineRuleRequest
        {
            IdempotencyKey = $"rule-{key}", VillageCode = Village, Code = "GRANT", Name = "Test grant", Points = points, Actor = "p1",
        });
        var proposal = await Awards.ProposeAsync(new ProposeRequest
        {
            IdempotencyKey = $"propose-{key}", VillageCode = Village, HouseholdNumber = "001", RuleCode = "GRANT", ProposedBy = "p1",
        });
        await Awards.ApproveAsync(new ApproveRequest { IdempotencyKey = $"approve-{key}", ProposalId = proposal.Id, MemberId = "p1" });
        Clock.Advance(TimeSpan.FromDays(4));
        await Awards.PostDueAsync(new PostDueRequest { VillageCode = Village });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Servers.DropDatabaseAsync(database);
    }
}
